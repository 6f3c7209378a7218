/**
 * `jingdu doctor` on what the loaders would skip without a word: entries in the library's
 * folders that are not plain files (a symbolic link, a FIFO, a socket, a device, a folder where a
 * file belongs). The loaders read only plain files (a FIFO would block them, a link may point
 * outside the library), so each such entry is reported here (`file-not-regular`) with what it is.
 * The checks of `metadata/*.jsonl` and `snapshots/index.jsonl` lines live beside their readers
 * (`sources/metadata-line.ts`, `snapshots/snapshot-index-check.ts`).
 */
import type { Dirent } from "node:fs";
import { lstat, readdir, readlink } from "node:fs/promises";
import { join } from "node:path";
import { nonRegularKind } from "../base/index.js";
import { type Diagnostic, notRegularDiagnostic } from "../core/index.js";
import { libraryFileRole } from "./library-layout.js";

async function list(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    // No such folder: nothing in it to check.
    return [];
  }
}

/** Folders of `files/` walked at most this deep, and entries looked at at most this many. */
const MAX_DEPTH = 16;
const MAX_ENTRIES = 200_000;

/**
 * Every entry the library's readers would skip for not being a plain file: library files at the
 * root, in `papers/` and `courses/`; `metadata/*.jsonl`; `snapshots/*.jsonl`; anything in `files/`.
 * Hidden entries (`.jingdu/`, `.git/`) are not looked at.
 * @example const problems = await checkLibraryFolders("/home/me/study")
 */
export async function checkLibraryFolders(root: string): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  let seen = 0;
  const report = async (rel: string, e: Dirent) => {
    if (e.isFile() || e.isDirectory()) return;
    const full = join(root, rel);
    // Gone since it was listed: nothing to report.
    const info = await lstat(full).catch(() => undefined);
    if (!info) return;
    const kind = nonRegularKind(info);
    if (!kind) return;
    // An unreadable link target: reported without it.
    const target = info.isSymbolicLink() ? await readlink(full).catch(() => undefined) : undefined;
    out.push(notRegularDiagnostic(rel, kind, target));
  };
  /** Entries of `dir` (relative) that a reader would take: `wanted(name)`; folders via `into`. */
  const walk = async (
    dir: string,
    wanted: (name: string) => boolean,
    into?: (name: string) => { wanted: (name: string) => boolean; deep?: boolean } | undefined,
    depth = 0,
  ): Promise<void> => {
    for (const e of await list(join(root, dir))) {
      if (e.name.startsWith(".") || ++seen > MAX_ENTRIES) continue;
      const rel = dir === "" ? e.name : `${dir}/${e.name}`;
      const sub = into?.(e.name);
      if (e.isDirectory()) {
        if (sub && depth < MAX_DEPTH)
          await walk(rel, sub.wanted, sub.deep ? into : undefined, depth + 1);
      } else if (wanted(e.name) || sub) await report(rel, e);
    }
  };
  const md = (name: string) => name.endsWith(".md");
  await walk("", (name) => libraryFileRole(name) !== undefined);
  await walk("papers", md);
  // A course folder (or a link standing for one), its course.md and episodes/*.md.
  await walk(
    "courses",
    () => false,
    () => ({ wanted: (name) => name === "course.md" }),
  );
  for (const course of await list(join(root, "courses")))
    if (course.isDirectory() && !course.name.startsWith("."))
      await walk(`courses/${course.name}/episodes`, md);
  await walk("metadata", (name) => name.endsWith(".jsonl"));
  await walk("snapshots", (name) => name.endsWith(".jsonl"));
  const any = () => true;
  await walk("files", any, () => ({ wanted: any, deep: true }));
  return out;
}
