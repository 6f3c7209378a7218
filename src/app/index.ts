export { type AssetSource, typeOf } from "./assets.js";
export { groupPapersByCategory } from "./catalog-table.js";
export {
  createSiteRoutes,
  type RouteResponse,
  type SiteRoutes,
  type SiteRoutesOptions,
} from "./create-site-routes.js";
export { html, raw, SafeHtml } from "./html.js";
export { type Messages, messagesFor } from "./i18n/index.js";
export { createLinker, type Linker, matchRoute, paths, routeFile } from "./paths.js";
export { episodeVideo, type Metric, type MetricsLookup } from "./site-context.js";
