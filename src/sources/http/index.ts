// Moved to src/base (snapshots use it too); re-exported for the sources' callers.
export { createRateLimiter, type RateLimit, type RateLimiter } from "../../base/index.js";
export * from "./circuit-breaker.js";
export * from "./errors.js";
export * from "./http-client.js";
export * from "./json.js";
export * from "./named-text.js";
export * from "./transport.js";
