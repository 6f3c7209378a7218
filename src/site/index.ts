export {
  type BuildSiteOptions,
  type BuildSiteResult,
  buildSite,
  MANIFEST_NAME,
} from "./build-site.js";
export { type ReadmeOptions, renderReadme } from "./readme.js";
