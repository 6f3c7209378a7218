/** The Content-Security-Policy of every HTML page: one policy, shared with the static site. */
export { PAGE_CSP } from "../app/index.js";
