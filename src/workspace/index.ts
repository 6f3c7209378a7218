export { type AddCourseOptions, type AddCourseResult, addCourse } from "./add-course.js";
export { type AddPaperOptions, type AddPaperResult, addedAnswer, addPaper } from "./add-paper.js";
export {
  type AttachedTranscript,
  type AttachTranscriptsOptions,
  attachTranscripts,
} from "./attach-transcripts.js";
export { addCategory, movePaper, renameCategory } from "./category-edits.js";
export {
  CITATION_GRAPH_INDEX_FILE,
  citationGraphCache,
  type LoadedCitationGraph,
  loadCitationGraphIndex,
} from "./citation-graph-index.js";
export { type EditReadingOptions, editReading } from "./daily-reading.js";
export {
  type DismissSuggestionOptions,
  type DismissSuggestionResult,
  dismissSuggestion,
  readDismissedPapers,
} from "./dismiss-suggestion.js";
export {
  chooseSubtitleTrack,
  type FetchedTranscript,
  type FetchTranscriptsOptions,
  fetchTranscripts,
  transcriptVideo,
} from "./fetch-transcripts.js";
export {
  deleteItem,
  EDITABLE_FIELDS,
  FieldsConflictError,
  type ItemKind,
  readItemFields,
  type SaveItemFieldsOptions,
  saveItemFields,
} from "./item-edits.js";
export { setLanguage } from "./language-setting.js";
export {
  EPISODE_STATUSES,
  type MarkEpisodesOptions,
  type MarkEpisodesResult,
  markEpisodes,
} from "./mark-episodes.js";
export { type MergePapersOptions, type MergePapersResult, mergePapers } from "./merge-papers.js";
export { type NextPapers, type NextPapersOptions, suggestNextPapers } from "./next-papers.js";
export {
  checkNoteFile,
  keepNoteDraft,
  NoteConflictError,
  readNoteForEditing,
  type SaveNoteOptions,
  saveNote,
} from "./note-edits.js";
export {
  type RecommendationExamples,
  recommendationExamples,
} from "./recommendation-examples.js";
export { type RecordReadingOptions, recordReading } from "./record-reading.js";
export {
  type CourseRefreshResult,
  type RefreshCoursesOptions,
  type RefreshCoursesResult,
  refreshCourses,
} from "./refresh-courses.js";
export {
  type LibraryRecommendationsOptions,
  refreshLibraryRecommendations,
} from "./refresh-recommendations.js";
export {
  chooseResolveCandidate,
  createResolver,
  type ResolveAnswer,
  type Resolver,
} from "./resolve-choice.js";
export {
  DEFAULT_MIN_CONFIDENCE,
  hasIds,
  RESOLVE_ANSWERS_FILE,
  type ResolveCandidate,
  type ResolveOutcome,
  type ResolvePapersOptions,
  type ResolvePapersResult,
  resolvePapers,
} from "./resolve-papers.js";
export { candidateScorer } from "./resolve-score.js";
export {
  listDeletedItems,
  listNoteRevisions,
  readNoteText,
  restoreNoteRevision,
} from "./restore-revision.js";
export { type DueReview, dueReviews, markNoteForReview, rateReview } from "./review-notes.js";
export {
  describeReloaded,
  type LibraryWatch,
  type WatchAndReloadOptions,
  watchAndReload,
} from "./watch-and-reload.js";
export { watchLibrary } from "./watch-library.js";
