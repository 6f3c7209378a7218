export * from "./append-lines.js";
export * from "./atomic-write.js";
export * from "./heap-growth.js";
export * from "./host-queue.js";
export * from "./library-writer.js";
export * from "./map-concurrent.js";
export * from "./rate-limiter.js";
export * from "./regular-file.js";
