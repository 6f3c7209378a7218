import type { Diagnostic } from "../../core/index.js";
import type { StudyLogImport } from "../study-log/types.js";

/** An image a note names by a site-relative path (`/assets/images/x.png`): not in the library. */
export interface SiteImage {
  path: string;
  /** 1-based source line that names it (0 when it cannot be found). */
  line: number;
}

// The alt text stops at `[` too, so a run of unclosed `![[` is read once (linear, not quadratic).
const MD_IMAGE = /!\[[^\][]*\]\(\s*<?(\/[^)\s>]+)>?/g;
const HTML_IMAGE = /<img\b[^>]*?\bsrc\s*=\s*["'](\/[^"']+)["']/gi;

/** Every note of an import, with a way to replace it (for `import --assets`). */
export function importNotes(r: StudyLogImport): { get: () => string; set: (t: string) => void }[] {
  const notes: { get: () => string; set: (t: string) => void }[] = [];
  const course = r.course;
  if (course) {
    notes.push({ get: () => course.notes, set: (t) => (course.notes = t) });
    for (const e of course.episodes) notes.push({ get: () => e.notes, set: (t) => (e.notes = t) });
  }
  for (const p of r.papers) notes.push({ get: () => p.notes, set: (t) => (p.notes = t) });
  return notes;
}

/** Site-relative images in the notes (`//host` URLs are not paths), each once, with its line. */
export function findSiteImages(r: StudyLogImport, lines: string[]): SiteImage[] {
  const seen = new Map<string, SiteImage>();
  for (const note of importNotes(r)) {
    const text = note.get();
    for (const m of [...text.matchAll(MD_IMAGE), ...text.matchAll(HTML_IMAGE)]) {
      const path = m[1] as string;
      if (path.startsWith("//") || seen.has(path)) continue;
      seen.set(path, { path, line: 0 });
    }
  }
  // One pass over the source for every image's first line (not one search per image).
  if (seen.size > 0) {
    lines.forEach((l, i) => {
      if (!l.includes("/")) return;
      for (const m of [...l.matchAll(/(\/[^\s)"'>]+)/g)]) {
        const image = seen.get(m[1] as string);
        if (image && image.line === 0) image.line = i + 1;
      }
    });
  }
  return [...seen.values()];
}

/** The report's line for an image left as a site path (no `--assets`). */
export function siteImageDiagnostic(image: SiteImage, file: string): Diagnostic {
  return {
    level: "warning",
    rule: "image-site-relative",
    message: `image ${image.path} is a path on the blog's site, not in the library; it will not show`,
    file,
    line: image.line,
    hint: "Import with --assets DIR (a checkout of the blog) to copy it into files/ and link it.",
  };
}
