/**
 * The sources' light door, for the pages and the build: reading the fetched metadata
 * (`metadata/*.jsonl`) without the HTTP clients, parsers and refresh that `index.ts` loads
 * besides. Everything here is exported by `index.ts` too. test/architecture/doors.test.ts checks
 * that this door stays light.
 */

export {
  citationGraphDiagnostics,
  citationGraphPath,
  libraryS2Ids,
  readCitationGraph,
} from "./citation-graph/graph-file.js";
export { readRecommendations } from "./citation-graph/recommendations-file.js";
export {
  type FetchedRecord,
  type HistoryPoint,
  loadFetchedMetadata,
  METADATA_DIR,
  type MetadataMaps,
  mergePaperWithFetched,
  metadataPath,
  type PaperView,
  readFetchedMetadata,
} from "./fetched-metadata.js";
