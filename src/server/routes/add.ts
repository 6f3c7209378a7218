import { Hono } from "hono";
import { addPage } from "../../app/index.js";
import { JingduError } from "../../core/index.js";
import { refuse, statusOf } from "../error-answers.js";
import { bodyOf, jsonBody } from "../middleware/json-body.js";
import type { Added, RouteDeps } from "./route-deps.js";

/** The add forms: a paper by arXiv id, DOI or title, a course by bilibili video. */
export function addRoutes({ library, pages, adders }: RouteDeps): Hono {
  const app = new Hono();

  app.get("/_/add", (c) => pages.appPage(c, addPage(library.state().ctx, adders !== undefined)));

  app.post("/api/add/:kind", jsonBody("add"), async (c) => {
    const kind = c.req.param("kind");
    const input = bodyOf(c, "add").input.trim();
    if (!adders) {
      throw new JingduError("sources-unavailable", library.state().ctx.t.app.sourcesUnavailable);
    }
    if (kind !== "paper" && kind !== "course") throw refuse("unknown-page", `cannot add a ${kind}`);
    if (input === "") throw refuse("request-invalid", "nothing to add");
    let what: Added;
    try {
      what = await adders[kind](input);
    } catch (err) {
      // A refusal keeps its code and status (an uncertain match 409, a bad id 400, an unknown
      // paper 404); the sources' own failures (a network error, an API answering nonsense, a
      // timeout, anything unexpected) are one bad gateway, `source-failed`.
      if (err instanceof JingduError && statusOf(err) < 500) throw err;
      throw new JingduError("source-failed", (err as Error).message, {
        cause: err,
        ...(err instanceof JingduError && err.hint ? { hint: err.hint } : {}),
      });
    }
    await library.reload();
    const { t } = library.state().ctx;
    const message =
      typeof what === "string" ? t.app.added(what) : t.app.alreadyThere(what.what, what.existing);
    return c.json({ message, ...(typeof what === "string" ? {} : { existing: what.existing }) });
  });

  return app;
}
