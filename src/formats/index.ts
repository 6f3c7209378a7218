export * from "./study-log/index.js";
