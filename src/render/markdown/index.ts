export { VIDEO_EMBED_ORIGINS, videoEmbedUrl } from "./html-sanitizer.js";
export {
  createMarkdownProcessor,
  type MarkdownProcessor,
  type MarkdownProcessorOptions,
} from "./markdown-processor.js";
export type {
  AmbiguousItem,
  ArchivedLink,
  CitedWork,
  EpisodeVideo,
  RenderContext,
  RenderResult,
  ResolvedItem,
  TocEntry,
} from "./render-env.js";
export { loadRenderPackages } from "./render-packages.js";
export { hashSourceFolder, rendererCode, rendererVersion } from "./renderer-version.js";
export { SITES, type Site, siteOfHost } from "./site-table.js";
export { timestampUrl } from "./timestamp-plugin.js";
