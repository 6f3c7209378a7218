import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import {
  blankCodeSpans,
  type Diagnostic,
  forEachProseLine,
  type Library,
  scanNoteRefs,
} from "../core/index.js";
import { coursePath, episodePath, paperPath } from "./library-layout.js";

/**
 * `doctor`'s image check, the one the build makes on rendered pages, made on the notes' source so
 * it names the note's file and line without a build: every image a note shows
 * (`![alt](path)`, `<img src="path">`, `![[file]]`) that is not a file of the library's `files/`.
 * A path is resolved as the pages resolve it (`app/site-context.ts`: relative to `files/`, a
 * leading `./` or `files/` dropped). A root-relative path (`/assets/images/x.png`, a blog's own
 * site) can never be in the library: it is reported as such, with the `--assets` hint.
 */

// Linear: the alt stops at brackets, the target at `)`, space or `>`.
const MD_IMAGE = /!\[[^\][]*\]\(\s*<?([^)\s>]+)>?/g;
const HTML_IMAGE = /<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi;
const SCHEME = /^[a-z][a-z\d+.-]*:/i;

/** The names of the files under `files/` (relative to it, `/`-separated); empty when none. */
export async function listLibraryAssets(root: string): Promise<Set<string>> {
  const names = new Set<string>();
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      // No files/ folder: a library without images. Anything else is the walk's problem to show.
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw err;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      if (e.isDirectory()) await walk(join(dir, e.name), `${prefix}${e.name}/`);
      else if (e.isFile()) names.add(`${prefix}${e.name}`);
    }
  };
  await walk(join(root, "files"), "");
  return names;
}

function assetName(path: string): string {
  let name = path.replace(/^\.\//, "").replace(/^files\//, "");
  try {
    name = decodeURI(name);
  } catch {
    // A malformed escape: looked up as written.
  }
  return name.split(/[?#]/)[0] ?? name;
}

/** Every image of every note that is not a file of `files/`, at its file and line. */
export function checkNoteImages(
  library: Pick<Library, "papers" | "courses">,
  assets: ReadonlySet<string>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (item: { notes: string; at?: { file: string; body?: number } }, path: string) => {
    const notes = item.notes;
    if (notes === "" || !(notes.includes("![") || notes.includes("<img"))) return;
    const file = item.at?.file ?? path;
    const offset = item.at?.body !== undefined && item.at.body > 1 ? item.at.body - 1 : 0;
    const seen = new Set<string>();
    const report = (target: string, line: number): void => {
      if (target === "" || target.startsWith("#") || target.startsWith("//")) return;
      if (SCHEME.test(target) || seen.has(target)) return;
      seen.add(target);
      if (target.startsWith("/")) {
        out.push({
          level: "warning",
          rule: "image-site-relative",
          message: `image ${target} is a path on another site, not a file of the library; it does not show`,
          file,
          line: line + offset,
          hint: "Copy the image into files/ and write files/NAME, or import again with --assets DIR.",
        });
        return;
      }
      if (assets.has(assetName(target))) return;
      out.push({
        level: "warning",
        rule: "image-missing",
        message: `image ${target} is not in files/; it does not show`,
        file,
        line: line + offset,
        hint: "Put the image in the library's files/ folder, or correct the path.",
      });
    };
    // Prose only: code blocks, math blocks and code spans show as code, not as images.
    forEachProseLine(notes.split("\n"), (raw, lineNo) => {
      if (!(raw.includes("![") || raw.includes("<img"))) return;
      const line = blankCodeSpans(raw);
      for (const pattern of [MD_IMAGE, HTML_IMAGE]) {
        for (const m of line.matchAll(pattern)) report(m[1] as string, lineNo);
      }
    });
    for (const ref of scanNoteRefs(notes).refs) {
      if (ref.kind === "embed") report(ref.ref, ref.line);
    }
  };
  for (const paper of library.papers) check(paper, paperPath(paper.id));
  for (const course of library.courses) {
    check(course, coursePath(course.id));
    for (const episode of course.episodes) check(episode, episodePath(course.id, episode.number));
  }
  return out;
}
