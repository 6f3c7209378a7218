import { type Document, isMap, isSeq, type YAMLMap } from "yaml";
import { type EpisodeStatus, formatRuntime, ParseError, type Progress } from "../core/index.js";
import { LIBRARY_FILES } from "./library-layout.js";
import { quoteTimes } from "./yaml-document.js";
import { readLibraryYaml, updateYamlFile } from "./yaml-file.js";

/** The calendar day of `date` in local time, `YYYY-MM-DD`. */
export function localIsoDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Reads `progress.yaml` (empty progress when it does not exist); throws on invalid YAML. */
export async function readProgress(root: string): Promise<Progress> {
  const parsed = await readLibraryYaml(root, LIBRARY_FILES.progress);
  if (!parsed) return { episodes: {}, papers: {} };
  if (parsed.kind !== "progress" || !parsed.progress) {
    throw new ParseError(LIBRARY_FILES.progress, 0, "invalid progress");
  }
  return parsed.progress;
}

/**
 * Edits `progress.yaml` in place, keeping comments, key order and keys jingdu does not know:
 * read, let `edit` change the YAML document, write atomically, all under the file's lock (so a
 * concurrent update from this or another process is never lost). Returns whether it changed.
 */
export function updateProgressFile(root: string, edit: (doc: Document) => void): Promise<boolean> {
  return updateYamlFile(root, LIBRARY_FILES.progress, edit, {
    // Keep the file's own style of `{ status: done }` vs `{status: done}` (unpadded only when the
    // file already has a non-empty unpadded flow collection).
    flowPadding: (text) => text === null || /[{[] \S/.test(text) || !/[{[][^\s}\]]/.test(text),
    finish: quoteTimes,
  });
}

/** The map at `path`, created (with parent maps) when missing. */
export function ensureMap(doc: Document, path: (string | number)[]): YAMLMap {
  // An empty `{}` on the way (the template's `episodes: {}`) becomes a block map, or everything
  // added below it would be written on one flow-style line.
  for (let i = 1; i <= path.length; i++) {
    const at = doc.getIn(path.slice(0, i), true);
    if (isMap(at) && at.flow && at.items.length === 0) at.flow = false;
  }
  const node = doc.getIn(path, true);
  if (isMap(node)) return node;
  const map = doc.createNode({});
  doc.setIn(path, map);
  return map;
}

export interface EpisodeStatusOptions {
  /** The clock: the day of `now()` is recorded with the status. */
  now: () => Date;
  /** Position reached in seconds (kept only with `watching`). */
  position?: number;
}

/**
 * Sets the status of episodes `numbers` of a course; `todo` removes their entries (the default).
 * @example await setEpisodeStatus(root, "limu", [7], "watching", { now: () => new Date(), position: 2778 })
 */
export async function setEpisodeStatus(
  root: string,
  courseId: string,
  numbers: readonly number[],
  status: EpisodeStatus,
  options: EpisodeStatusOptions,
): Promise<boolean> {
  for (const n of numbers) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`not an episode number: ${n}`);
  }
  const date = localIsoDate(options.now());
  return updateProgressFile(root, (doc) => {
    if (status === "todo") {
      for (const n of numbers) doc.deleteIn(["episodes", courseId, n]);
      return;
    }
    const course = ensureMap(doc, ["episodes", courseId]);
    for (const n of numbers) {
      const entry: Record<string, unknown> = { status, date };
      if (status === "watching" && options.position !== undefined) {
        entry.position = formatRuntime(options.position);
      }
      const node = doc.createNode(entry);
      node.flow = true;
      course.set(doc.createNode(n), node);
    }
    sortNumericKeys(course);
  });
}

/** Keeps episode entries in number order, so the file reads like the series. */
function sortNumericKeys(map: YAMLMap): void {
  const key = (item: (typeof map.items)[number]): number => {
    const k = item.key as { value?: unknown } | null;
    return typeof k?.value === "number" ? k.value : Number(k?.value);
  };
  map.items.sort((a, b) => key(a) - key(b));
}

/**
 * Records a completed reading pass of a paper (replacing an earlier record of the same pass).
 * @example await setPaperPass(root, "resnet", 1, { now: () => new Date() })
 */
export async function setPaperPass(
  root: string,
  paperId: string,
  pass: 1 | 2 | 3,
  options: { now: () => Date },
): Promise<boolean> {
  const date = localIsoDate(options.now());
  return updateProgressFile(root, (doc) => {
    const paper = ensureMap(doc, ["papers", paperId]);
    const current = doc.getIn(["papers", paperId, "passes"], true);
    const passes = isSeq(current) ? (current.toJSON() as { pass: number; date: string }[]) : [];
    const next = [...passes.filter((p) => p.pass !== pass), { pass, date }].sort(
      (a, b) => a.pass - b.pass,
    );
    const seq = doc.createNode(next.map((p) => ({ pass: p.pass, date: p.date })));
    for (const item of seq.items) if (isMap(item)) item.flow = true;
    paper.set("passes", seq);
  });
}
