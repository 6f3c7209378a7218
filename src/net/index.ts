export * from "./safe-fetch/index.js";
