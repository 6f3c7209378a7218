import type { RenderContext, RenderResult } from "../render/index.js";

/**
 * One question a render asked about the site while rendering a note, and the answer it got (JSON,
 * `""` for none): `item` resolves a `[[link]]`, `asset` an image in `files/`, `archive` the
 * archived copy of a cited URL.
 */
export type NoteLookup = [kind: "item" | "asset" | "archive", question: string, answer: string];

/** A rendered note as a memo keeps it, with the questions its render asked. */
export interface RememberedNote {
  lookups: readonly NoteLookup[];
  /** The render result (a stored memo may decode it only when asked). */
  result(): RenderResult;
}

/**
 * Rendered notes kept across builds (the build's render cache, `src/site/render-cache.ts`). Keys
 * are `noteKey` texts under one renderer version; a remembered note is reused only when every
 * question its render asked gets the same answer now (`rememberedRender`).
 */
export interface NoteMemo {
  /** The renderer version this memo's notes were rendered with (`MarkdownProcessor.version`). */
  readonly version: string;
  get(key: string): RememberedNote | undefined;
  set(key: string, note: RememberedNote): void;
}

type Answering = Pick<RenderContext, "resolveItem" | "resolveAsset" | "archive">;

const answerOf = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

/** Asks `lookup`'s question of today's site: does it get the answer it got then? */
function sameAnswer([kind, question, answer]: NoteLookup, site: Answering): boolean {
  const now =
    kind === "item"
      ? site.resolveItem?.(question)
      : kind === "asset"
        ? site.resolveAsset?.(question)
        : site.archive?.(question);
  return answerOf(now) === answer;
}

/**
 * Renders a note through `memo`: the remembered result when its key is known and every question
 * its render asked (a `[[link]]`'s page and title, an image's URL, a link's archived copy) gets
 * the same answer from `site` now; else renders it with `render`, recording the questions, and
 * remembers it. Answers are the only way a note's HTML depends on the rest of the library.
 */
export function rememberedRender(
  memo: NoteMemo,
  key: string,
  site: Answering,
  render: (site: Answering) => RenderResult,
): RenderResult {
  const known = memo.get(key);
  if (known?.lookups.every((lookup) => sameAnswer(lookup, site))) return known.result();
  const lookups: NoteLookup[] = [];
  const asked = <T>(kind: NoteLookup[0], answer: ((q: string) => T) | undefined) =>
    answer &&
    ((question: string) => {
      const value = answer(question);
      lookups.push([kind, question, answerOf(value)]);
      return value;
    });
  const recording: Answering = {};
  const resolveItem = asked("item", site.resolveItem);
  const resolveAsset = asked("asset", site.resolveAsset);
  const archive = asked("archive", site.archive);
  if (resolveItem) recording.resolveItem = resolveItem;
  if (resolveAsset) recording.resolveAsset = resolveAsset;
  if (archive) recording.archive = archive;
  const result = render(recording);
  memo.set(key, { lookups, result: () => result });
  return result;
}

/**
 * The memo a route table renders its notes through: notes kept for the table (at most `size`,
 * the least recently used dropped first; default all, as a build renders each note for its page
 * and again for the feed), then `given` across builds when it is of the renderer's `version` (a
 * renderer without a version never reuses a note from it).
 * Both go through `rememberedRender`, so a reused note asks its lookups again and the page
 * records them.
 */
export function layeredNoteMemo(
  version: string | undefined,
  size = Number.POSITIVE_INFINITY,
  given?: NoteMemo,
): NoteMemo {
  const kept = new Map<string, RememberedNote>();
  const lasting = given && given.version === version ? given : undefined;
  const keep = (key: string, note: RememberedNote) => {
    if (size <= 0) return;
    kept.delete(key);
    if (kept.size >= size) kept.delete(kept.keys().next().value as string);
    kept.set(key, note);
  };
  return {
    version: version ?? "",
    get(key) {
      const known = kept.get(key);
      if (known) return known;
      const stored = lasting?.get(key);
      if (!stored) return undefined;
      // Decoded once for the page and the feed alike.
      let result: RenderResult | undefined;
      const note = { lookups: stored.lookups, result: () => (result ??= stored.result()) };
      keep(key, note);
      return note;
    },
    set(key, note) {
      keep(key, note);
      lasting?.set(key, note);
    },
  };
}
