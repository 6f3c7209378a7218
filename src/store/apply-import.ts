import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { contentHash, mapConcurrent, writeFileAtomic } from "../base/index.js";
import { ConflictError, isValidId, JingduError } from "../core/index.js";
import { importManifestSchema } from "../core/schemas.js";
import { DERIVED_DIR, IMPORTS_DIR, LIBRARY_FILES } from "./library-layout.js";
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

async function readManifest(root: string, name: string): Promise<Record<string, string>> {
  const text = await readTextIfExists(join(root, manifestPath(name)));
  if (text === null) return {};
  const parsed = importManifestSchema.safeParse(parseYaml(text, { file: manifestPath(name) }).data);
  // An unreadable manifest only makes the import more careful: every edited file is a conflict.
  return parsed.success ? parsed.data.files : {};
}

/** Where an import's text came from (`imports/<name>.yaml`'s `source`). */
export type ImportSource = NonNullable<ReturnType<typeof importManifestSchema.parse>["source"]>;

function serializeManifest(
  name: string,
  files: Record<string, string>,
  source?: ImportSource,
): string {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(files).sort()) sorted[key] = files[key] as string;
  const data = source ? { name, files: sorted, source } : { name, files: sorted };
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

/**
 * Writes an import's files into the library without ever losing an edit: a file is replaced only
 * when it still has the hash this import (`name`) last wrote; `imports/<name>.yaml` records those
 * hashes. progress.yaml is only merged. Applying the same files again changes nothing.
 * @example const { counts } = await applyImport(root, libraryFiles(imported), { name: "limu" })
 */
export async function applyImport(
  root: string,
  files: ReadonlyMap<string, string>,
  options: { name: string; source?: ImportSource },
): Promise<ImportApplyResult> {
  if (!isValidId(options.name)) {
    throw new JingduError("import-name-invalid", `import name \`${options.name}\` is not an id`, {
      hint: "Use lower-case letters or digits joined by `-`, e.g. `limu`.",
    });
  }
  const previous = await readManifest(root, options.name);
  // What `jingdu init --template` wrote counts as written by an import too: a template file you
  // did not change is updated, one you changed is kept.
  const template = await readManifest(root, TEMPLATE_IMPORT);
  const manifest = { ...previous };
  const results = await mapConcurrent(
    [...files.entries()],
    8,
    async ([path, content]): Promise<ImportFileResult> => {
      const why = unsafePath(path);
      if (why) return { path, outcome: "refused", message: why };
      if (path === LIBRARY_FILES.progress) return mergeProgress(root, content);
      const target = join(root, path);
      const newHash = contentHash(content);
      const current = await readTextIfExists(target);
      const currentHash = current === null ? null : contentHash(current);
      if (currentHash === newHash) {
        manifest[path] = newHash;
        return { path, outcome: "unchanged" };
      }
      if (
        currentHash !== null &&
        currentHash !== previous[path] &&
        currentHash !== template[path]
      ) {
        return {
          path,
          outcome: "conflict",
          message: "changed since the last import; kept as it is",
        };
      }
      try {
        await writeFileAtomic(target, content, { expectedHash: currentHash });
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
        return { path, outcome: "conflict", message: "changed while importing; kept as it is" };
      }
      manifest[path] = newHash;
      return { path, outcome: currentHash === null ? "created" : "updated" };
    },
  );
  const manifestFile = manifestPath(options.name);
  const manifestText = serializeManifest(options.name, manifest, options.source);
  const before = await readTextIfExists(join(root, manifestFile));
  if (manifestText !== before) {
    await writeFileAtomic(join(root, manifestFile), manifestText, {
      expectedHash: before === null ? null : contentHash(before),
    });
  }
  const counts: Record<ImportOutcome, number> = {
    created: 0,
    updated: 0,
    unchanged: 0,
    conflict: 0,
    merged: 0,
    refused: 0,
  };
  for (const r of results) counts[r.outcome]++;
  return { manifest: manifestFile, files: results, counts };
}
