export * from "./bilibili-json.js";
export * from "./decode-text.js";
export * from "./match-files.js";
export * from "./read-transcript.js";
export * from "./srt.js";
export * from "./webvtt.js";
export * from "./youtube-json3.js";
