import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Document, isMap, parseDocument } from "yaml";
import { updateLibraryFile } from "../base/index.js";
import { ParseError } from "../core/index.js";
import { type ParsedLibraryFile, parseLibraryFile } from "./parse-file.js";
import { firstNotUtf8Line } from "./read-files.js";

/** A file's text, or `null` when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/**
 * Reads and parses a library YAML file (`progress.yaml`, `reviews.yaml`) for a command about to
 * change it: `undefined` when it does not exist; its first error thrown as a `ParseError` with
 * its line, since writing over a file that could not be read would lose what it holds.
 */
export async function readLibraryYaml(
  root: string,
  file: string,
): Promise<ParsedLibraryFile | undefined> {
  const text = await readTextIfExists(join(root, file));
  if (text === null) return undefined;
  const parsed = parseLibraryFile(file, text);
  const first = parsed?.diagnostics.find((d) => d.level === "error");
  if (first) throw new ParseError(file, first.line, first.message, first.hint);
  if (!parsed) throw new ParseError(file, 0, "not a library file");
  return parsed;
}

export interface YamlFileEdit {
  /** Called on a document that had no map at its top (a new or empty file) before `edit`. */
  onNew?(doc: Document, text: string | null): void;
  /** Called after `edit`, before the document is written. */
  finish?(doc: Document): void;
  /** `{ a: 1 }` rather than `{a: 1}` for flow collections (default: padded). */
  flowPadding?(text: string | null): boolean;
}

/**
 * Edits a library YAML file (`progress.yaml`, `reviews.yaml`) in place, keeping comments, key
 * order and keys jingdu does not know: under the file's lock (base/library-writer.ts, so no other
 * process or request edits it in between), read, let `edit` change the document, write
 * atomically. Invalid YAML is refused with its line, nothing written. Returns whether it changed.
 */
export async function updateYamlFile(
  root: string,
  file: string,
  edit: (doc: Document) => void,
  opts: YamlFileEdit = {},
): Promise<boolean> {
  const done = await updateLibraryFile(join(root, file), ({ bytes }) => {
    const badLine = bytes === null ? undefined : firstNotUtf8Line(bytes);
    if (badLine !== undefined) {
      // Writing the decoded text back would replace those bytes with U+FFFD for good.
      throw new ParseError(
        file,
        badLine,
        "not UTF-8 text",
        `Convert ${file} to UTF-8 in an editor first; nothing was changed.`,
      );
    }
    const text = bytes === null ? null : bytes.toString("utf8");
    const doc = parseDocument(text ?? "", { schema: "core" });
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      throw new ParseError(
        file,
        err?.linePos?.[0]?.line ?? 0,
        `invalid YAML: ${err?.message.split("\n")[0]}`,
        `Fix ${file} first (\`jingdu doctor\` shows where); nothing was changed.`,
      );
    }
    if (!isMap(doc.contents)) {
      doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
      opts.onNew?.(doc, text);
    }
    edit(doc);
    opts.finish?.(doc);
    const next = doc.toString({
      lineWidth: 0,
      flowCollectionPadding: opts.flowPadding?.(text) ?? true,
    });
    return next === text ? {} : { content: next };
  });
  return done.changed;
}
