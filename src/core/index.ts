export * from "./diagnostic.js";
export * from "./errors.js";
export * from "./ids.js";
export * from "./model.js";
export * from "./runtime.js";
export * from "./search-document.js";
export * from "./summary.js";
export * from "./url-policy.js";
