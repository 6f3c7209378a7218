export { type AppDeps, createApp } from "./create-app.js";
export { type ErrorAnswer, statusOf } from "./error-answers.js";
export { createLibraryHost, type LibraryHost, type LibraryHostOptions } from "./library-host.js";
export { type Listening, listen } from "./listen.js";
export { JSON_BODY_LIMIT, NOTE_BODY_LIMIT } from "./middleware/json-body.js";
export { isSuspiciousPath } from "./middleware/security.js";
export { PAGE_CSP } from "./page-csp.js";
export type { Adders, Resolver } from "./routes/route-deps.js";
export { type RunningServer, type ServerOptions, startServer } from "./start-server.js";
