/**
 * `jingdu merge A B`: two files that are one paper become `A`. B's fields fill A's empty ones,
 * B's notes follow A's, B's progress and review card move to A (A's own win where both have one),
 * every episode's `papers:` and every `[[B]]` link in a note point to A, and B's file is kept as a
 * revision before it is removed — all through the serialized writers, nothing a person wrote lost.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { JingduError, type Library } from "../core/index.js";
import { fillPaperFile } from "./fill-paper.js";

export interface MergePapersOptions {
  root: string;
  library: Library;
  /** The paper that stays. */
  keep: string;
  /** The paper merged into it and removed. */
  remove: string;
  now: () => Date;
}

export interface MergePapersResult {
  kept: string;
  removed: string;
  /** Fields of the kept entry filled from the removed one. */
  filled: string[];
  /** Files whose links or episode lists now name the kept paper. */
  relinked: string[];
  /** The revision the removed file was kept as (`revisions/papers/B.md/<time>.md`). */
  revision: string;
  notices: string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Merges paper `remove` into `keep`.
 * @example await mergePapers({ root, library, keep: "transformer", remove: "attention-is-all-you-need", now })
 */
export async function mergePapers(opts: MergePapersOptions): Promise<MergePapersResult> {
  const { library, keep, remove } = opts;
  const kept = library.papers.find((p) => p.id === keep);
  const gone = library.papers.find((p) => p.id === remove);
  for (const [id, p] of [
    [keep, kept],
    [remove, gone],
  ] as const) {
    if (!p) {
      throw new JingduError("unknown-paper", `no paper ${id} in papers/`, {
        hint: "Give the ids of two papers (their file names without .md).",
      });
    }
  }
  if (!kept || !gone || keep === remove) {
    throw new JingduError("merge-same", "merge needs two different papers", {});
  }
  const store = await import("../store/index.js");
  const { episodePath, coursePath, paperPath, updateLibraryFile, parseFrontMatter } = store;
  const keepFile = paperPath(keep);
  const removeFile = paperPath(remove);
  const notices: string[] = [];

  const filled = await fillPaperFile(opts.root, keep, {
    ids: gone.ids,
    authors: gone.authors,
    links: gone.links,
    ...(gone.title ? { title: gone.title } : {}),
    ...(gone.year !== undefined ? { year: gone.year } : {}),
    ...(gone.venue ? { venue: gone.venue } : {}),
  });

  // Links to B anywhere: `[[B]]`, `[[B|text]]`, `[[B#part]]` in notes, B in episodes' `papers:`.
  const wiki = new RegExp(`\\[\\[${escapeRegExp(remove)}(?=[\\]|#])`, "g");
  const files = [
    ...library.papers.filter((p) => p.id !== remove).map((p) => paperPath(p.id)),
    ...library.courses.flatMap((c) => [
      coursePath(c.id),
      ...c.episodes.map((e) => episodePath(c.id, e.number)),
    ]),
  ];
  const relinked: string[] = [];
  for (const file of files) {
    const u = await updateLibraryFile(join(opts.root, file), ({ bytes }) => {
      if (bytes === null) return {};
      const text = bytes.toString("utf8");
      const fm = parseFrontMatter(text, file);
      let head = text.slice(0, text.length - fm.body.length - (text.endsWith("\n") ? 1 : 0));
      if (file.startsWith("courses/") && fm.data && typeof fm.data === "object") {
        // Only the `papers:` list of an episode names B; the YAML line is rewritten in place.
        head = head.replace(/^(papers:.*)$/m, (line) =>
          line.replace(
            new RegExp(`(?<=[\\[,\\s])${escapeRegExp(remove)}(?=[\\],\\s]|$)`, "g"),
            keep,
          ),
        );
      }
      const body = fm.body.replace(wiki, `[[${keep}`);
      const next = `${head}${body}${text.endsWith("\n") ? "\n" : ""}`;
      return next === text ? {} : { content: next };
    });
    if (u.changed) relinked.push(file);
  }

  // B's notes after A's, marked where they came from; A's previous text kept as a revision.
  if (gone.notes.trim() !== "") {
    await updateLibraryFile(join(opts.root, keepFile), async ({ bytes }) => {
      if (bytes === null) return {};
      const text = bytes.toString("utf8");
      await store.keepRevision(opts.root, keepFile, bytes, opts.now);
      const sep = text.endsWith("\n") ? "" : "\n";
      const notes = gone.notes.replace(wiki, `[[${keep}`);
      return { content: `${text}${sep}\n<!-- merged from ${removeFile} -->\n${notes}\n` };
    });
  }

  await store.updateProgressFile(opts.root, (doc) => {
    const theirs = doc.getIn(["papers", remove]);
    if (theirs === undefined) return;
    if (doc.hasIn(["papers", keep])) notices.push(`progress of ${keep} kept; ${remove}'s dropped`);
    else doc.setIn(["papers", keep], theirs);
    doc.deleteIn(["papers", remove]);
  });
  await store.updateReviewsFile(opts.root, (doc) => {
    const theirs = doc.getIn(["cards", `paper:${remove}`]);
    if (theirs === undefined) return;
    if (doc.hasIn(["cards", `paper:${keep}`])) {
      notices.push(`review card of ${keep} kept; ${remove}'s dropped`);
    } else doc.setIn(["cards", `paper:${keep}`], theirs);
    doc.deleteIn(["cards", `paper:${remove}`]);
  });

  // B's file: kept as a revision (restorable with `jingdu restore`), then removed.
  let revision = "";
  await store.withFileLock(join(opts.root, removeFile), async () => {
    const { readFile } = await import("node:fs/promises");
    const bytes = await readFile(join(opts.root, removeFile));
    revision = await store.keepRevision(opts.root, removeFile, bytes, opts.now);
    await rm(join(opts.root, removeFile));
  });
  return { kept: keepFile, removed: removeFile, filled, relinked, revision, notices };
}
