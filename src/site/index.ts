export {
  type BuildSiteOptions,
  type BuildSiteResult,
  buildHeader,
  buildSite,
  createSiteBuilder,
  MANIFEST_NAME,
  type SiteBuilder,
} from "./build-site.js";
export {
  dropStamp,
  type LibraryStamps,
  libraryStamps,
  type StampedBuild,
  stampBuild,
  stampedBuild,
} from "./build-stamp.js";
export { type ReadmeOptions, renderReadme } from "./readme.js";
export {
  attachmentFiles,
  loadMetrics,
  loadSiteInputs,
  type SiteInputs,
  updateSiteInputs,
} from "./site-inputs.js";
