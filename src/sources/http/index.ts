export * from "./circuit-breaker.js";
export * from "./errors.js";
export * from "./http-client.js";
export * from "./json.js";
export * from "./rate-limiter.js";
