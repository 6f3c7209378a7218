export * from "./markdown/index.js";
