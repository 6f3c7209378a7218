import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type CurrentFile,
  contentHash,
  type FileEdit,
  updateLibraryFile,
  updateLibraryFiles,
  writeFileAtomic,
} from "../base/index.js";
import { ConflictError, isValidId, JingduError } from "../core/index.js";
import { importManifestSchema } from "../core/schemas.js";
import { mergeImportedFile } from "./import-merge.js";
import { DERIVED_DIR, IMPORTS_DIR, LIBRARY_FILES, libraryFileRole } from "./library-layout.js";
import { parseLibraryFile } from "./parse-file.js";
import { ensureMap, updateProgressFile } from "./progress.js";
import { parseYaml, stringifyYaml } from "./yaml-document.js";
import { readTextIfExists } from "./yaml-file.js";

/**
 * What happened to one file: `created` (new), `unchanged` (same content), `updated` (still as the
 * last import wrote it, so replaced), `conflict` (edited since: kept, not overwritten), `merged`
 * (progress.yaml: entries that did not exist were added), `refused` (an unsafe path).
 */
export type ImportOutcome = "created" | "updated" | "unchanged" | "conflict" | "merged" | "refused";

export interface ImportFileResult {
  path: string;
  outcome: ImportOutcome;
  message?: string;
}

export interface ImportApplyResult {
  /** The manifest, relative to the root: `imports/<name>.yaml`. */
  manifest: string;
  files: ImportFileResult[];
  counts: Record<ImportOutcome, number>;
  /**
   * Files this import wrote before that it did not bring this time (a row gone from the source),
   * still in the library: kept, never deleted. Only with `wholeSource` (else empty).
   */
  gone: string[];
}

const manifestPath = (name: string): string => `${IMPORTS_DIR}/${name}.yaml`;

/** Why a path may not be written by an import, or `undefined` when it may. */
function unsafePath(path: string): string | undefined {
  if (path === "" || path.startsWith("/") || path.includes("\\") || /^[A-Za-z]:/.test(path)) {
    return "not a relative path";
  }
  const parts = path.split("/");
  if (parts.some((p) => p === "" || p === "." || p === "..")) return "path leaves the library";
  const top = parts[0];
  if (top === DERIVED_DIR || top === IMPORTS_DIR || top === ".git") {
    return `${top}/ is not written by imports`;
  }
  return undefined;
}

/** The manifest `initLibrary` writes for the files a template brought (`imports/template.yaml`). */
export const TEMPLATE_IMPORT = "template";

/**
 * Records `files` (paths relative to the root) as written by the import `name`: their current
 * hashes go into `imports/<name>.yaml`, so a later import may update them until they are edited.
 */
export async function recordImportedFiles(
  root: string,
  name: string,
  files: readonly string[],
  options: { replace?: boolean } = {},
): Promise<void> {
  const hashes: Record<string, string> = {};
  for (const path of files) hashes[path] = contentHash(await readFile(join(root, path)));
  // `replace`: a library being created (initLibrary), whose manifest an interrupted run wrote.
  await writeFileAtomic(
    join(root, manifestPath(name)),
    serializeManifest(name, hashes),
    options.replace ? {} : { expectedHash: null },
  );
}

interface Manifest {
  files: Record<string, string>;
  kept: Record<string, string[]>;
}

async function readManifest(root: string, name: string): Promise<Manifest> {
  return manifestOf(await readTextIfExists(join(root, manifestPath(name))), name);
}

function manifestOf(text: string | null, name: string): Manifest {
  if (text === null) return { files: {}, kept: {} };
  const parsed = importManifestSchema.safeParse(parseYaml(text, { file: manifestPath(name) }).data);
  // An unreadable manifest only makes the import more careful: every edited file is a conflict.
  return parsed.success
    ? { files: parsed.data.files, kept: parsed.data.kept ?? {} }
    : { files: {}, kept: {} };
}

/** The hash each other import (the template included) last wrote, per file. */
async function otherOwners(root: string, name: string): Promise<Map<string, Set<string>>> {
  const owners = new Map<string, Set<string>>();
  let entries: string[];
  try {
    entries = await readdir(join(root, IMPORTS_DIR));
  } catch (err) {
    // No imports/ yet: no other source has written anything.
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return owners;
    throw err;
  }
  for (const entry of entries) {
    if (!entry.endsWith(".yaml") || entry === `${name}.yaml`) continue;
    const other = await readManifest(root, entry.slice(0, -".yaml".length));
    for (const [path, hash] of Object.entries(other.files)) {
      const set = owners.get(path) ?? new Set<string>();
      set.add(hash);
      owners.set(path, set);
    }
  }
  return owners;
}

/** Where an import's text came from (`imports/<name>.yaml`'s `source`). */
export type ImportSource = NonNullable<ReturnType<typeof importManifestSchema.parse>["source"]>;

function serializeManifest(
  name: string,
  files: Record<string, string>,
  source?: ImportSource,
  kept: Record<string, string[]> = {},
): string {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(files).sort()) sorted[key] = files[key] as string;
  const keptSorted: Record<string, string[]> = {};
  for (const key of Object.keys(kept).sort()) {
    if (key in sorted) keptSorted[key] = kept[key] as string[];
  }
  const data: Record<string, unknown> = { name, files: sorted };
  if (Object.keys(keptSorted).length > 0) data.kept = keptSorted;
  if (source) data.source = source;
  return `# Written by \`jingdu import\`: the hash of each file as the import wrote it. Do not edit.\n${stringifyYaml(data)}`;
}

/** The source an import remembered (`jingdu import --again NAME`), or undefined. */
export async function readImportSource(
  root: string,
  name: string,
): Promise<ImportSource | undefined> {
  const text = await readTextIfExists(join(root, manifestPath(name)));
  if (text === null) return undefined;
  const parsed = importManifestSchema.safeParse(parseYaml(text, { file: manifestPath(name) }).data);
  return parsed.success ? parsed.data.source : undefined;
}

/** Adds progress entries (episodes, papers) that do not exist yet; never changes existing ones. */
async function mergeProgress(root: string, content: string): Promise<ImportFileResult> {
  const path = LIBRARY_FILES.progress;
  const incoming = parseLibraryFile(path, content);
  if (incoming?.kind !== "progress" || !incoming.progress) {
    return { path, outcome: "refused", message: "the imported progress is not valid" };
  }
  const { episodes, papers } = incoming.progress;
  const changed = await updateProgressFile(root, (doc) => {
    for (const [courseId, byNumber] of Object.entries(episodes)) {
      for (const [n, entry] of Object.entries(byNumber)) {
        if (doc.hasIn(["episodes", courseId, Number(n)])) continue;
        const value: Record<string, unknown> = { status: entry.status };
        if (entry.date) value.date = entry.date;
        const node = doc.createNode(value);
        node.flow = true;
        ensureMap(doc, ["episodes", courseId]).set(doc.createNode(Number(n)), node);
      }
    }
    for (const [paperId, entry] of Object.entries(papers)) {
      if (doc.hasIn(["papers", paperId])) continue;
      doc.setIn(["papers", paperId], doc.createNode(entry));
    }
  });
  return { path, outcome: changed ? "merged" : "unchanged" };
}

/** What an import does to one file, decided under its lock from what is there now. */
interface Decision {
  outcome: ImportOutcome;
  message?: string;
  /** The content to write (`undefined`: the file stays as it is). */
  write?: string;
  /** The hash the manifest records for the file (`undefined`: the record stays as it was). */
  record?: string;
  /** The keys the person's own fields kept (`null`: drop the entry, `undefined`: leave it). */
  kept?: string[] | null;
}

interface DecideContext {
  previous: Manifest;
  others: Map<string, Set<string>>;
  fillEdited: boolean;
}

/**
 * The import's decision for `path` (content `content`) given its text on disk (`null`: missing):
 * replaced only when it still has the hash this import last wrote, filled when it is another
 * source's or a person's paper (with `fillEdited`), else kept and reported a conflict.
 */
function decideFile(
  path: string,
  content: string,
  current: string | null,
  { previous, others, fillEdited }: DecideContext,
): Decision {
  const currentHash = current === null ? null : contentHash(current);
  const mine = currentHash !== null && currentHash === previous.files[path];
  const another = currentHash !== null && !mine && others.get(path)?.has(currentHash) === true;
  if (current !== null && !mine && !another) {
    if (contentHash(content) === currentHash) {
      return { outcome: "unchanged", record: currentHash as string };
    }
    // Edited since this import wrote it. When the import brings nothing new for the file,
    // there is nothing to decide: the edit stays and it is not a conflict.
    if (contentHash(content) === previous.files[path]) {
      return { outcome: "unchanged", message: "edited since the import; kept" };
    }
    // This import's own merge, left unrecorded by a run killed before its manifest: another
    // source's file this import never recorded (or one it merged, by the keys it kept) that
    // already holds all the import brings. Nothing to write, and nothing to ask either.
    const unrecorded = previous.files[path] === undefined && others.has(path);
    const keys = previous.kept[path];
    const filled =
      unrecorded || keys !== undefined
        ? mergeImportedFile(path, current, content, unrecorded ? undefined : keys)
        : undefined;
    if (filled?.content === current) {
      return { outcome: "unchanged", record: currentHash as string, kept: filled.kept };
    }
    // A bibliography's paper the person wrote or edited: every field they have stays, the
    // import fills the rest (import-merge.ts), and later runs keep those fields theirs.
    const fill = fillEdited ? mergeImportedFile(path, current, content) : undefined;
    if (fill && libraryFileRole(path)?.kind === "paper") {
      if (fill.content === current) return { outcome: "unchanged" };
      return {
        outcome: "merged",
        message: "filled from the import; your fields kept",
        write: fill.content,
        record: contentHash(fill.content),
        kept: fill.kept,
      };
    }
    return { outcome: "conflict", message: "changed since the last import; kept as it is" };
  }
  let next = content;
  let merged = false;
  let keptKeys: string[] | null | undefined = null;
  if (current !== null && (another || previous.kept[path] !== undefined)) {
    const result = mergeImportedFile(
      path,
      current,
      content,
      another ? undefined : previous.kept[path],
    );
    keptKeys = undefined;
    if (result) {
      next = result.content;
      merged = another || result.content !== content;
      keptKeys = result.kept;
    }
  }
  const nextHash = contentHash(next);
  if (nextHash === currentHash) return { outcome: "unchanged", record: nextHash, kept: keptKeys };
  const written = { write: next, record: nextHash, kept: keptKeys };
  if (currentHash === null) return { outcome: "created", ...written };
  return merged
    ? { outcome: "merged", message: "filled from the import; what was there is kept", ...written }
    : { outcome: "updated", ...written };
}

/**
 * Writes an import's files into the library without ever losing an edit: a file is replaced only
 * when it still has the hash this import (`name`) last wrote; `imports/<name>.yaml` records those
 * hashes. progress.yaml is only merged. Applying the same files again changes nothing.
 * @example const { counts } = await applyImport(root, libraryFiles(imported), { name: "limu" })
 */
export async function applyImport(
  root: string,
  files: ReadonlyMap<string, string>,
  options: {
    name: string;
    source?: ImportSource;
    /** Fill a paper file edited since (or written by no import) instead of leaving it whole. */
    fillEdited?: boolean;
    /** `files` is the whole source (not only what changed): list the files it no longer has. */
    wholeSource?: boolean;
  },
): Promise<ImportApplyResult> {
  if (!isValidId(options.name)) {
    throw new JingduError("import-name-invalid", `import name \`${options.name}\` is not an id`, {
      hint: "Use lower-case letters or digits joined by `-`, e.g. `limu`.",
    });
  }
  const previous = await readManifest(root, options.name);
  // What `jingdu init --template` or another import wrote is another source's: this import fills
  // what such a file lacks and never drops what that source wrote (import-merge.ts).
  const others = await otherOwners(root, options.name);
  // What this run records, applied to the manifest as it is when written (under its lock).
  const recorded = new Map<string, string>();
  const keptNow = new Map<string, string[] | null>();
  const entries = [...files.entries()];
  const results: ImportFileResult[] = new Array(entries.length);
  const batch: { index: number; edit: FileEdit<Decision> }[] = [];
  for (const [index, [path, content]] of entries.entries()) {
    const why = unsafePath(path);
    if (why) results[index] = { path, outcome: "refused", message: why };
    else if (path !== LIBRARY_FILES.progress) {
      const compute = ({ bytes }: CurrentFile) => {
        const decision = decideFile(path, content, bytes?.toString("utf8") ?? null, {
          previous,
          others,
          fillEdited: options.fillEdited === true,
        });
        return { content: decision.write, result: decision };
      };
      batch.push({ index, edit: { path: join(root, path), compute } });
    }
  }
  // Every file in one batch of the serialized writer: each is re-read and decided under its lock,
  // and the batch pays one pass of fsyncs for all (a 2,000-paper list: 2,000 files).
  const updates = await updateLibraryFiles(batch.map((b) => b.edit));
  for (const [k, update] of updates.entries()) {
    const { index } = batch[k] as { index: number };
    const path = (entries[index] as [string, string])[0];
    if (update.error !== undefined) {
      if (!(update.error instanceof ConflictError)) throw update.error;
      results[index] = {
        path,
        outcome: "conflict",
        message: "changed while importing; kept as it is",
      };
      continue;
    }
    const d = update.result as Decision;
    if (d.record !== undefined) recorded.set(path, d.record);
    if (d.kept !== undefined) keptNow.set(path, d.kept);
    results[index] = { path, outcome: d.outcome, ...(d.message ? { message: d.message } : {}) };
  }
  for (const [index, [path, content]] of entries.entries()) {
    if (results[index] === undefined && path === LIBRARY_FILES.progress) {
      results[index] = await mergeProgress(root, content);
    }
  }
  const manifestFile = manifestPath(options.name);
  // A read-modify-write like any other of a library file: through the one serialized writer, so
  // a second import of the same name meanwhile is not lost from it (its records are kept).
  await updateLibraryFile(join(root, manifestFile), ({ bytes }) => {
    const now = manifestOf(bytes === null ? null : bytes.toString("utf8"), options.name);
    const files = { ...now.files, ...Object.fromEntries(recorded) };
    const kept = { ...now.kept };
    for (const [path, keys] of keptNow) {
      if (keys === null) delete kept[path];
      else kept[path] = keys;
    }
    return { content: serializeManifest(options.name, files, options.source, kept) };
  });
  const counts: Record<ImportOutcome, number> = {
    created: 0,
    updated: 0,
    unchanged: 0,
    conflict: 0,
    merged: 0,
    refused: 0,
  };
  for (const r of results) counts[r.outcome]++;
  const gone: string[] = [];
  for (const path of options.wholeSource ? Object.keys(previous.files).sort() : []) {
    if (!files.has(path) && (await readTextIfExists(join(root, path))) !== null) gone.push(path);
  }
  return { manifest: manifestFile, files: results, counts, gone };
}
