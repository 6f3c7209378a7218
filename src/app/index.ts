export {
  addPage,
  appPaths,
  type EditorView,
  editorPage,
  liveSearchPage,
  type ReviewItem,
  type RevisionView,
  renderAppPage,
  reviewPage,
  revisionsPage,
} from "./app-pages.js";
export { DAILY_CSS, DAILY_SCRIPT } from "./assets/daily-script.js";
export { EDIT_CSS, EDIT_SCRIPT } from "./assets/edit-script.js";
export { RESOLVE_SCRIPT } from "./assets/resolve-script.js";
export { ASSET_PACKAGES, type AssetSource, collectAssets, typeOf } from "./assets.js";
export { groupPapersByCategory } from "./catalog-table.js";
export { cspMetaElement, PAGE_CSP, PAGE_CSP_META } from "./content-security-policy.js";
export {
  createSiteRoutes,
  type RouteResponse,
  type SiteRoutes,
  type SiteRoutesOptions,
} from "./create-site-routes.js";
export {
  categoriesPage,
  type DeletedItem,
  type DetailsView,
  deletedPage,
  detailsPage,
  editPaths,
} from "./edit-pages.js";
export { feedClock } from "./feed.js";
export { escapeHtml, html, raw, SafeHtml } from "./html.js";
export { type CliMessages, type Messages, messagesFor } from "./i18n/index.js";
export { episodeVideo, type NoteItem, noteOf } from "./item-notes.js";
export { createSplitKeeper, librarySplit, type SplitKeeper } from "./library-split.js";
export { addInputOf, type NextPapersView, nextPapersPage } from "./next-papers-page.js";
export { createNoteLinksMemo, type NoteLinksMemo } from "./note-links.js";
export type { NoteLookup, NoteMemo, RememberedNote } from "./note-memo.js";
export {
  createLinker,
  type Linker,
  matchRoute,
  paths,
  routeFile,
} from "./paths.js";
export {
  type Answer,
  createQuestionTable,
  groupQuestions,
  itemRoot,
  type Question,
  type QuestionTable,
  questionParts,
  SEP,
} from "./read-trace.js";
export { resolvePage } from "./resolve-page.js";
export { revisionTime } from "./revision-diff.js";
export type { SearchEntry } from "./search-index.js";
export { runSplitQuery, type SplitHit } from "./search-query.js";
export { RECORD_GROUP, SPLITS_PATH, type SplitIndex, splitIndex } from "./search-split.js";
export {
  createSiteContext,
  type EpisodeTranscript,
  type Metric,
  type MetricsLookup,
  type PageContent,
  type SiteContext,
  type TranscriptLookup,
} from "./site-context.js";
export { externalLink, linksPage, type SiteSnapshots } from "./snapshots.js";
