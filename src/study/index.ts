export * from "./charts/index.js";
export { addDays, dayNumber, localDay, weekStart } from "./dates.js";
export * from "./graph-index.js";
export {
  decodeGraphParts,
  encodeGraphParts,
  type GraphParts,
  indexFromParts,
} from "./graph-parts.js";
export { GraphIndexReader } from "./graph-read.js";
export * from "./next.js";
export * from "./paper-seeds.js";
export * from "./progress-history.js";
export * from "./reading-by-category.js";
export * from "./recommended-signal.js";
export * from "./related-papers.js";
export * from "./related-reason.js";
export * from "./review.js";
export * from "./value.js";
