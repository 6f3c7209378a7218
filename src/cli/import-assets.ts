import { readFile, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { Diagnostic } from "../core/index.js";
import { type DocumentImport, importNotes } from "../formats/index.js";
import { contentHash, currentHash, writeFileAtomic } from "../store/index.js";

/** A site image found in `--assets DIR`: where it is, and where it goes in the library. */
interface Planned {
  path: string;
  line: number;
  source: string;
  target: string;
}

/** `files/assets/images/x.png` for `/assets/images/x.png`: the site path kept under files/. */
const libraryPath = (sitePath: string) => `files/${sitePath.replace(/^\/+/, "")}`;

/**
 * Plans `import --assets DIR`: each site-relative image that exists in DIR (never outside it) is
 * rewritten in the notes to its place in `files/`; one that does not exist is reported with its
 * line and left as it was. Returns the copies to make once the library exists.
 */
export async function planAssets(
  parsed: DocumentImport,
  dir: string,
  file: string,
): Promise<{ copies: Planned[]; problems: Diagnostic[] }> {
  const root = resolve(dir);
  const copies: Planned[] = [];
  const problems: Diagnostic[] = [];
  for (const image of parsed.siteImages) {
    const source = resolve(root, `.${decodeURI(image.path.split(/[?#]/)[0] ?? "")}`);
    const inside = source === root || source.startsWith(root + sep);
    // No such file: reported below as an image not found, nothing is lost.
    const found = inside && (await stat(source).catch(() => undefined))?.isFile() === true;
    if (!found) {
      problems.push({
        level: "warning",
        rule: "image-missing",
        message: `image ${image.path} is not in ${dir}; left as it was`,
        file,
        line: image.line,
      });
      continue;
    }
    copies.push({
      ...image,
      source,
      target: libraryPath(relative(root, source).split(sep).join("/")),
    });
  }
  for (const note of importNotes(parsed)) {
    let text = note.get();
    for (const c of copies) text = text.split(`(${c.path})`).join(`(${c.target})`);
    for (const c of copies) text = text.split(`"${c.path}"`).join(`"${c.target}"`);
    note.set(text);
  }
  return { copies, problems };
}

/**
 * Copies the planned images into the library: a file already there with other bytes is yours
 * and is kept (reported); the same bytes count as copied.
 */
export async function copyAssets(
  library: string,
  copies: Planned[],
  file: string,
): Promise<{ copied: number; unchanged: number; problems: Diagnostic[] }> {
  let copied = 0;
  let unchanged = 0;
  const problems: Diagnostic[] = [];
  for (const c of copies) {
    const bytes = await readFile(c.source);
    const target = join(library, c.target);
    const before = await currentHash(target);
    if (before === contentHash(bytes)) {
      unchanged++;
      continue;
    }
    if (before !== null) {
      problems.push({
        level: "warning",
        rule: "image-kept",
        message: `${c.target} exists with other content; kept yours, ${c.path} was not copied`,
        file,
        line: c.line,
      });
      continue;
    }
    await writeFileAtomic(target, bytes, { expectedHash: null });
    copied++;
  }
  return { copied, unchanged, problems };
}
