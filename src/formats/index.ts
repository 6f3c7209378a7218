export * from "./bibliography/index.js";
export * from "./document/index.js";
export * from "./paper-list/index.js";
export * from "./study-log/index.js";
export * from "./transcript/index.js";
