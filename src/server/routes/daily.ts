import { Hono } from "hono";
import { valueLabel, valueScore } from "../../study/index.js";
import { editReading, recordReading } from "../../workspace/index.js";
import { bodyOf, jsonBody } from "../middleware/json-body.js";
import type { RouteDeps } from "./route-deps.js";

/**
 * The paper page's daily controls: a pass taken back (undo), the section checklist and the value
 * rating, each written to progress.yaml through the workspace's use cases (the store's writer).
 */
export function dailyRoutes({ library }: RouteDeps): Hono {
  const { root, now } = library;
  const app = new Hono();

  app.post("/api/pass/undo", jsonBody("undoPass"), async (c) => {
    const body = bodyOf(c, "undoPass");
    const { changed, undone } = await editReading({
      root,
      library: library.state().library,
      paperId: body.paper,
      undoPass: body.pass,
    });
    await library.reload(changed);
    return c.json({ ok: true, undone });
  });

  app.post("/api/sections", jsonBody("sections"), async (c) => {
    const body = bodyOf(c, "sections");
    const { changed, state } = await editReading({
      root,
      library: library.state().library,
      paperId: body.paper,
      sections: body.sections,
    });
    await library.reload(changed);
    // The page updates in place and skips the live-reload event of this version (daily.js).
    return c.json({ ok: true, sections: state.sections, version: library.version() });
  });

  app.post("/api/value", jsonBody("value"), async (c) => {
    const body = bodyOf(c, "value");
    const { changed, state } = await recordReading({
      root,
      library: library.state().library,
      paperId: body.paper,
      value: {
        novelty: body.novelty,
        effectiveness: body.effectiveness,
        problemSize: body.problemSize,
      },
      now,
    });
    await library.reload(changed);
    // The page shows the rating in place (daily.js): the sentence it shows, in its language.
    const v = state.value;
    const score = v ? valueScore(v) : 0;
    const s = library.state().ctx.t.study;
    const text = v
      ? s.valueText(
          v.novelty,
          v.effectiveness,
          v.problemSize,
          score,
          s.valueLabels[valueLabel(score)],
        )
      : "";
    return c.json({ ok: true, value: v, text, heading: s.value, version: library.version() });
  });

  return app;
}
