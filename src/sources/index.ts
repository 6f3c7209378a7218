/**
 * Sources: Semantic Scholar, arXiv and bilibili clients, the fetched-metadata store and refresh.
 * The CLI calls: resolveSourcesSettings → createSources → resolvePaper / importBilibiliCourse /
 * refreshLibrary, then saveFetched for what `add` fetched.
 */
export { ArxivApiError, type ArxivClient, createArxivClient } from "./arxiv/arxiv-client.js";
export { type ArxivEntry, type ArxivFeed, parseArxivFeed } from "./arxiv/atom.js";
export {
  BILIBILI_CODES,
  BilibiliApiError,
  type BilibiliClient,
  BilibiliNotFoundError,
  type BilibiliVideo,
  createBilibiliClient,
} from "./bilibili/bilibili-client.js";
export { type CourseImport, courseFromBilibiliVideo } from "./bilibili/bilibili-course.js";
export type {
  BilibiliPartSubtitles,
  BilibiliSubtitleTrack,
} from "./bilibili/bilibili-subtitles.js";
export { bilibiliVideoUrl, isBvid, parseBilibiliRef } from "./bilibili/bvid.js";
export {
  type CachePolicy,
  createFileCache,
  createMemoryCache,
  type ResponseCache,
} from "./cache.js";
export { CITATION_GRAPH_STATE_FILE } from "./citation-graph/graph-state.js";
export { compactCitationGraph } from "./citation-graph/graph-store.js";
export { readRecommendations } from "./citation-graph/recommendations-file.js";
export {
  type GraphItemResult,
  type GraphOutcome,
  type GraphRefreshOptions,
  type GraphRefreshResult,
  refreshCitationGraph,
} from "./citation-graph/refresh-graph.js";
export {
  type RecommendationsRefreshOptions,
  type RecommendationsRefreshResult,
  refreshRecommendations,
} from "./citation-graph/refresh-recommendations.js";
export {
  DEFAULT_GRAPH_CAPS,
  DEFAULT_GRAPH_MAX_AGE_MS,
  DEFAULT_USER_AGENT,
  type GraphCaps,
  parseAge,
  resolveSourcesSettings,
  SOURCE_DEFAULTS,
  SOURCE_LABELS,
  SOURCE_NAMES,
  type SourceName,
  type SourceSettings,
  type SourcesConfig,
  type SourcesSettings,
} from "./config.js";
export {
  type CourseListing,
  courseFromListing,
  type ListingItem,
  newEpisodesFromListing,
} from "./course-listing.js";
export {
  courseSourceSite,
  fetchCourseListing,
  REFRESHABLE_COURSE_KINDS,
} from "./course-refresh.js";
export { type FetchInput, saveFetched } from "./fetched-metadata.js";
export * from "./http/index.js";
export {
  type ImportCourseOptions,
  type ImportedCourse,
  importBilibiliCourse,
  importCourse,
} from "./import-course.js";
// The light door's names (metadata reading), then what only the full door has.
export * from "./light.js";
export {
  OUTCOME_KINDS,
  type RefreshItemResult,
  type RefreshOptions,
  type RefreshOutcomeKind,
  type RefreshProgress,
  type RefreshResult,
  refreshLibrary,
  type SourceStop,
} from "./refresh.js";
export { type ResolvedPaper, type ResolvePaperOptions, resolvePaper } from "./resolve-paper.js";
export {
  type PaperQuery,
  PaperQueryError,
  parsePaperQuery,
} from "./semantic-scholar/paper-query.js";
export {
  createSemanticScholarClient,
  S2_BATCH_LIMIT,
  type S2Page,
  type SemanticScholarClient,
} from "./semantic-scholar/s2-client.js";
export { S2_GRAPH_FIELDS } from "./semantic-scholar/s2-graph.js";
export type { S2PaperData } from "./semantic-scholar/s2-map.js";
export {
  fetchS2Recommendations,
  recommendationsBaseUrl,
} from "./semantic-scholar/s2-recommendations.js";
export {
  activeHolds,
  holdFor,
  readSourcesState,
  rememberHold,
  SOURCES_STATE_FILE,
  type SourceHold,
} from "./source-holds.js";
export { type CreateSourcesOptions, createSources, type Sources } from "./sources.js";
export {
  AUTO_ACCEPT_SIMILARITY,
  formatConfidence,
  normalizedSimilarity,
  titleSimilarity,
} from "./title-similarity.js";
export type {
  YoutubeCaptionTrack,
  YoutubeVideoCaptions,
} from "./youtube/youtube-captions.js";
export { parseYoutubePlaylistRef, youtubeVideoUrl } from "./youtube/youtube-ids.js";
export { readYtDlpPlaylist, type YtDlpListing } from "./youtube/ytdlp-playlist.js";
export {
  createZoteroClient,
  ZOTERO_DEFAULT_URL,
  ZoteroApiDisabledError,
  type ZoteroClient,
  ZoteroNotRunningError,
  zoteroLibraryPath,
} from "./zotero/zotero-client.js";
export { collectionWithNested, mapZoteroLibrary, type ZoteroMapped } from "./zotero/zotero-map.js";
export { zoteroNoteToMarkdown } from "./zotero/zotero-note.js";
export { readZoteroLibrary, type ZoteroLeft, type ZoteroRead } from "./zotero/zotero-read.js";
export type { ZoteroCollection, ZoteroItem } from "./zotero/zotero-schema.js";
