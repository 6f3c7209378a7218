import { Hono } from "hono";
import { parseRuntime } from "../../core/index.js";
import { markEpisodes, recordReading } from "../../workspace/index.js";
import { refuse } from "../error-answers.js";
import { bodyOf, jsonBody } from "../middleware/json-body.js";
import type { RouteDeps } from "./route-deps.js";

/** Episode status (with a position) and paper reading passes, from the pages' buttons. */
export function progressRoutes({ library }: RouteDeps): Hono {
  const { root, now } = library;
  const app = new Hono();

  app.post("/api/progress", jsonBody("progress"), async (c) => {
    const body = bodyOf(c, "progress");
    const text = body.position?.trim() ?? "";
    const position = text === "" ? undefined : parseRuntime(text);
    if (text !== "" && position === undefined) {
      throw refuse("bad-time", `position: “${text}” is not a time`, "Write it like 46:18.");
    }
    const { changed } = await markEpisodes({
      root,
      library: library.state().library,
      courseId: body.course,
      numbers: [body.number],
      status: body.status,
      now,
      ...(position === undefined ? {} : { position }),
    });
    await library.reload(changed);
    return c.json({ ok: true });
  });

  app.post("/api/pass", jsonBody("pass"), async (c) => {
    const body = bodyOf(c, "pass");
    const { changed } = await recordReading({
      root,
      library: library.state().library,
      paperId: body.paper,
      pass: body.pass,
      now,
    });
    await library.reload(changed);
    return c.json({ ok: true });
  });

  return app;
}
