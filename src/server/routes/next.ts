import { Hono } from "hono";
import { nextPapersPage } from "../../app/index.js";
import { citationGraphCache, suggestNextPapers } from "../../workspace/index.js";
import type { RouteDeps } from "./route-deps.js";

/**
 * The Next page: papers to read next from the library's citation graph (`?for=PAPER`: one
 * paper's neighbourhood; an unknown one is 404 `unknown-paper`). Its add buttons post to
 * `/api/add/paper` (routes/add.ts), like the add page. The graph's index is kept between
 * requests and read again only when the file changed (`citationGraphCache`: one `stat` a request).
 */
export function nextRoutes({ library, pages, adders }: RouteDeps): Hono {
  const app = new Hono();
  const graphs = citationGraphCache();

  app.get("/_/next", async (c) => {
    const state = library.state();
    const only = c.req.query("for") || undefined;
    const next = await suggestNextPapers({
      root: library.root,
      library: state.library,
      limit: 20,
      graph: await graphs.get(library.root),
      ...(only === undefined ? {} : { for: only }),
    });
    const paper = only === undefined ? undefined : state.library.papers.find((p) => p.id === only);
    return pages.appPage(
      c,
      nextPapersPage(state.ctx, {
        seeds: next.seeds,
        everyPaper: next.everyPaper,
        suggestions: next.suggestions,
        graph: next.graph,
        canAdd: adders !== undefined,
        ...(next.recommendedAt ? { recommendedAt: next.recommendedAt } : {}),
        ...(paper ? { for: paper } : {}),
      }),
    );
  });

  return app;
}
