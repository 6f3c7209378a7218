import { Hono } from "hono";
import { matchRoute, paths, type ReviewItem, reviewPage } from "../../app/index.js";
import { dueReviews, markNoteForReview, rateReview } from "../../workspace/index.js";
import { localTime } from "../client-labels.js";
import { refuse } from "../error-answers.js";
import { noteTarget } from "../library-state.js";
import { bodyOf, jsonBody } from "../middleware/json-body.js";
import type { RouteDeps } from "./route-deps.js";

/** The review note id of an episode, paper or course page. */
function noteIdOfPage(page: string): string | undefined {
  const route = matchRoute(page);
  if (route?.page === "paper") return `paper:${route.paperId}`;
  if (route?.page === "course") return `course:${route.courseId}`;
  if (route?.page === "episode") return `episode:${route.courseId}/${route.number}`;
  return undefined;
}

/** The site page of a review note id. */
function pageOfNoteId(id: string): string | undefined {
  const [kind, rest = ""] = [id.slice(0, id.indexOf(":")), id.slice(id.indexOf(":") + 1)];
  if (kind === "paper") return paths.paper(rest);
  if (kind === "course") return paths.course(rest);
  const slash = rest.lastIndexOf("/");
  if (kind !== "episode" || slash === -1) return undefined;
  return paths.episode(rest.slice(0, slash), Number(rest.slice(slash + 1)));
}

/** The review page (due notes), rating a card, marking a page's note for review. */
export function reviewRoutes({ library, pages }: RouteDeps): Hono {
  const { root, now } = library;
  const app = new Hono();

  app.get("/_/review", async (c) => {
    const state = library.state();
    const { due, upcoming } = await dueReviews({ root, library: state.library, now });
    const items: ReviewItem[] = due.map(({ card, note }) => {
      const page = note ? pageOfNoteId(card.id) : undefined;
      const target = page ? noteTarget(state, page) : undefined;
      const first = (note?.notes ?? "").split("\n").filter((l) => l.trim() !== "");
      const preview =
        target && first.length > 0
          ? state.ctx.renderNote(first.slice(0, 8).join("\n\n"), target.render)
          : undefined;
      return {
        id: card.id,
        title: note?.title ?? `${card.id} ${state.ctx.t.study.missingNote}`,
        page,
        previewHtml: preview?.html ?? "",
        math: preview?.hasMath === true,
      };
    });
    const note = c.req.query("note");
    return pages.appPage(c, reviewPage(state.ctx, items, upcoming && localTime(upcoming), note));
  });

  app.post("/api/review", jsonBody("rate"), async (c) => {
    const body = bodyOf(c, "rate");
    const { card: next, changed } = await rateReview({
      root,
      noteId: body.note,
      rating: body.rating,
      now,
    });
    await library.reload(changed);
    return c.json({
      ok: true,
      due: next.due,
      next: library.state().ctx.t.study.nextDue(localTime(next.due)),
    });
  });

  app.post("/api/review/mark", jsonBody("mark"), async (c) => {
    const { page } = bodyOf(c, "mark");
    const id = noteTarget(library.state(), page) ? noteIdOfPage(page) : undefined;
    if (!id) throw refuse("unknown-page", `no note on the page ${page}`);
    const { card } = await markNoteForReview({
      root,
      library: library.state().library,
      noteId: id,
      now,
    });
    return c.json({ ok: true, id, due: card.due });
  });

  return app;
}
