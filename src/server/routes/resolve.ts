import { Hono } from "hono";
import { resolvePage } from "../../app/index.js";
import { JingduError } from "../../core/index.js";
import { hasIds, type ResolveAnswer } from "../../workspace/index.js";
import { bodyOf, jsonBody } from "../middleware/json-body.js";
import type { RouteDeps } from "./route-deps.js";

/**
 * The resolve page (`/_/resolve`): name-only papers searched one at a time, sure matches filled,
 * unsure ones offered for the person to pick — the same use case as `jingdu resolve`.
 */
export function resolveRoutes({ library, pages, resolver }: RouteDeps): Hono {
  const app = new Hono();

  app.get("/_/resolve", (c) => {
    const { ctx, library: lib } = library.state();
    const focus = c.req.query("paper");
    return pages.appPage(
      c,
      resolvePage(
        ctx,
        // By name, as the catalog lists them (the loaded order is the files').
        lib.papers.filter((p) => !hasIds(p)).sort((a, b) => a.short.localeCompare(b.short)),
        resolver !== undefined,
        focus,
      ),
    );
  });

  const answered = async (work: (r: NonNullable<typeof resolver>) => Promise<ResolveAnswer>) => {
    if (!resolver) {
      throw new JingduError("sources-unavailable", library.state().ctx.t.app.sourcesUnavailable);
    }
    const answer = await work(resolver);
    // The file watcher reloads too; this makes the next page show the ids at once.
    if (answer.kind === "resolved") await library.reload();
    return answer;
  };
  const known = (paper: string) => {
    if (!library.state().library.papers.some((p) => p.id === paper)) {
      throw new JingduError("unknown-paper", `no paper “${paper}” in the catalog`);
    }
    return paper;
  };

  app.post("/api/resolve", jsonBody("resolve"), async (c) => {
    const { paper } = bodyOf(c, "resolve");
    return c.json(await answered((r) => r.resolve(known(paper))));
  });

  app.post("/api/resolve/choose", jsonBody("choose"), async (c) => {
    const { paper, s2Id } = bodyOf(c, "choose");
    return c.json(await answered((r) => r.choose(known(paper), s2Id ?? undefined)));
  });

  return app;
}
