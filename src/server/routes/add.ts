import { Hono } from "hono";
import { addPage } from "../../app/index.js";
import { JingduError } from "../../core/index.js";
import { refuse } from "../error-answers.js";
import { bodyOf, jsonBody } from "../middleware/json-body.js";
import { addFailure } from "./add-feedback.js";
import type { Added, RouteDeps } from "./route-deps.js";

/** The add forms: a paper by arXiv id, DOI or title, a course by bilibili video. */
export function addRoutes({ library, pages, adders }: RouteDeps): Hono {
  const app = new Hono();

  app.get("/_/add", (c) => pages.appPage(c, addPage(library.state().ctx, adders !== undefined)));

  app.post("/api/add/:kind", jsonBody("add"), async (c) => {
    const kind = c.req.param("kind");
    const body = bodyOf(c, "add");
    const input = body.input.trim();
    if (!adders) {
      throw new JingduError("sources-unavailable", library.state().ctx.t.app.sourcesUnavailable);
    }
    if (kind !== "paper" && kind !== "course") throw refuse("unknown-page", `cannot add a ${kind}`);
    if (input === "") throw refuse("request-invalid", "nothing to add");
    const category = body.category?.trim() || undefined;
    if (category && !library.state().library.categories.some((k) => k.id === category)) {
      throw refuse("unknown-category", `no category “${category}”`);
    }
    let what: Added;
    try {
      what =
        kind === "paper"
          ? await adders.paper(input, {
              ...(category ? { category } : {}),
              ...(body.accept ? { acceptUncertain: true } : {}),
            })
          : await adders.course(input);
    } catch (err) {
      throw addFailure(library.state().ctx.t, err);
    }
    const { t } = library.state().ctx;
    if (typeof what === "object" && "uncertain" in what) {
      return c.json({
        uncertain: what.uncertain,
        message: t.daily.addUncertain(what.uncertain),
        confirm: t.daily.addAnyway,
      });
    }
    await library.reload();
    const message =
      typeof what === "string" ? t.app.added(what) : t.app.alreadyThere(what.what, what.existing);
    return c.json({ message, ...(typeof what === "string" ? {} : { existing: what.existing }) });
  });

  return app;
}
