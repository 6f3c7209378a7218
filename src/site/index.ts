export {
  type BuildSiteOptions,
  type BuildSiteResult,
  buildSite,
  createSiteBuilder,
  MANIFEST_NAME,
  type SiteBuilder,
} from "./build-site.js";
export { type ReadmeOptions, renderReadme } from "./readme.js";
export {
  attachmentFiles,
  loadMetrics,
  loadSiteInputs,
  type SiteInputs,
  updateSiteInputs,
} from "./site-inputs.js";
