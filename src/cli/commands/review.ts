import { createInterface } from "node:readline/promises";
import {
  JingduError,
  type Library,
  type ReviewCard,
  type ReviewRating,
  type Reviews,
} from "../../core/index.js";
import {
  courseNoteId,
  dueCards,
  episodeNoteId,
  findNote,
  paperNoteId,
  parseNoteId,
  REVIEW_RATINGS,
} from "../../study/index.js";
import { markNoteForReview, rateReview } from "../../workspace/index.js";
import type { CliContext } from "../context.js";
import { loadLibraryReporting } from "../load-library.js";
import { printJson } from "../output.js";
import { ask } from "../prompt.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot } from "./shared.js";

/**
 * A note id from what the learner typed: `paper:ID`, `episode:COURSE/N`, `course:ID`, or short
 * forms `COURSE/N` (an episode), a paper id, a course id; the note must exist.
 */
export function resolveNoteId(library: Library, text: string): string {
  let id = text;
  if (!parseNoteId(text)) {
    const episode = /^([^\s/]+)\/([1-9]\d*)$/.exec(text);
    if (episode?.[1]) id = episodeNoteId(episode[1], Number(episode[2]));
    else if (library.papers.some((p) => p.id === text)) id = paperNoteId(text);
    else if (library.courses.some((c) => c.id === text)) id = courseNoteId(text);
  }
  if (!parseNoteId(id) || !findNote(library, id)) {
    throw new JingduError("unknown-note", `no note “${text}” in the library`, {
      hint: "Name a note as paper:ID, episode:COURSE/N (or COURSE/N) or course:ID.",
    });
  }
  return id;
}

/** `2024-07-10 09:40` in local time. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function untilText(iso: string, now: Date): string {
  const minutes = Math.round((Date.parse(iso) - now.getTime()) / 60_000);
  if (minutes <= 0) return "now";
  if (minutes < 120) return `in ${minutes} minutes`;
  if (minutes < 48 * 60) return `in ${Math.round(minutes / 60)} hours`;
  return `in ${Math.round(minutes / 1440)} days`;
}

const RATING_KEYS: Record<string, ReviewRating> = { a: "again", h: "hard", g: "good", e: "easy" };

function parseRating(text: string | undefined): ReviewRating {
  const r = text?.toLowerCase();
  if (r && (REVIEW_RATINGS as readonly string[]).includes(r)) return r as ReviewRating;
  if (r && RATING_KEYS[r]) return RATING_KEYS[r];
  throw new JingduError("bad-rating", `“${text ?? ""}” is not a rating`, {
    hint: "Rate with again, hard, good or easy: jingdu review --rate paper:resnet good",
  });
}

function noteLines(notes: string, count: number): string[] {
  return notes
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .slice(0, count);
}

async function interactive(
  ctx: CliContext,
  terminal: NonNullable<CliContext["terminal"]>,
  root: string,
  library: Library,
  reviews: Reviews,
) {
  const { out } = ctx.output;
  const due = dueCards(reviews, ctx.now());
  if (due.length === 0) {
    out("No notes are due for review.");
    return;
  }
  const rl = createInterface({ input: terminal.input, output: terminal.output });
  try {
    for (const [i, card] of due.entries()) {
      const note = findNote(library, card.id);
      out(`\n[${i + 1}/${due.length}] ${card.id}  ${note?.title ?? ""}`);
      for (const line of noteLines(note?.notes ?? "", 6)) out(`  ${line}`);
      let rating: ReviewRating | undefined;
      while (!rating) {
        const typed = await ask(rl, "again/hard/good/easy [a/h/g/e], s skip, q quit: ");
        // The end of input (Ctrl-D) quits as q does: what was rated is saved already.
        if (typed === undefined) return;
        const answer = typed.trim().toLowerCase();
        if (answer === "q") return;
        if (answer === "s") break;
        try {
          rating = parseRating(answer);
        } catch {
          // Not a rating: the prompt says what to type and asks again.
          out("Type a, h, g or e.");
        }
      }
      if (!rating) continue;
      const { card: next } = await rateReview({ root, noteId: card.id, rating, now: ctx.now });
      out(`  → next review ${localTime(next.due)} (${untilText(next.due, ctx.now())})`);
    }
  } finally {
    rl.close();
  }
}

interface ReviewOptions {
  mark?: string;
  rate?: string;
  json?: boolean;
}

export const registerReview: RegisterCommand = (program, ctx) => {
  program
    .command("review")
    .argument("[rating]", "with --rate: again, hard, good or easy")
    .description(
      "spaced review of your notes (FSRS): show due notes one by one, mark notes for review",
    )
    .option("--mark <note>", "make a note a review card: paper:ID, episode:COURSE/N, course:ID")
    .option("--rate <note>", "rate a card without prompting: jingdu review --rate NOTE good")
    .option("--json", "print the due cards (or the changed card) as JSON")
    .action(async (ratingText: string | undefined, opts: ReviewOptions) => {
      const root = await libraryRoot(program, ctx);
      const { library } = await loadLibraryReporting(ctx, root);
      const reviews = library.reviews ?? { cards: {} };
      const now = ctx.now();
      if (opts.mark !== undefined || opts.rate !== undefined) {
        let changed: ReviewCard[] = [];
        // Checked before anything is written: a bad rating must not leave a mark behind.
        const rating = opts.rate === undefined ? undefined : parseRating(ratingText);
        const rateId = opts.rate === undefined ? undefined : resolveNoteId(library, opts.rate);
        if (opts.mark !== undefined) {
          const id = resolveNoteId(library, opts.mark);
          const { card, added } = await markNoteForReview({
            root,
            library,
            noteId: id,
            now: ctx.now,
          });
          if (added) changed.push(card);
          if (!opts.json)
            ctx.output.out(
              `${id}: ${added ? "marked for review" : "already under review"}, due ${untilText(card.due, now)} (${localTime(card.due)})`,
            );
        }
        if (rateId !== undefined && rating !== undefined) {
          const { card: next } = await rateReview({ root, noteId: rateId, rating, now: ctx.now });
          changed = [...changed.filter((c) => c.id !== rateId), next];
          if (!opts.json)
            ctx.output.out(
              `${rateId}: ${next.log.at(-1)?.rating} → next review ${localTime(next.due)} (${untilText(next.due, now)})`,
            );
        }
        if (opts.json) printJson(ctx.output, { changed });
        return;
      }
      if (ratingText !== undefined) {
        throw new JingduError("rating-without-note", "a rating needs --rate NOTE");
      }
      if (!opts.json && ctx.terminal) {
        await interactive(ctx, ctx.terminal, root, library, reviews);
        return;
      }
      const due = dueCards(reviews, now);
      const total = Object.keys(reviews.cards).length;
      if (opts.json) {
        printJson(ctx.output, {
          now: now.toISOString(),
          total,
          due: due.map((c) => ({
            id: c.id,
            title: findNote(library, c.id)?.title ?? null,
            due: c.due,
            state: c.state,
            reps: c.reps,
            lapses: c.lapses,
          })),
        });
        return;
      }
      const { out } = ctx.output;
      out(`${due.length} of ${total} notes due for review`);
      for (const c of due)
        out(`  ${c.id}  ${findNote(library, c.id)?.title ?? ""}  (due ${localTime(c.due)})`);
      if (due.length > 0) out("Rate one with: jingdu review --rate NOTE again|hard|good|easy");
    });
};
