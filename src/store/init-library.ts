import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../base/index.js";
import {
  ConflictError,
  JingduError,
  type Language,
  type LibrarySettings,
  missingAs,
} from "../core/index.js";
import { settingsSchema } from "../core/schemas.js";
import { recordImportedFiles, TEMPLATE_IMPORT } from "./apply-import.js";
import { DERIVED_DIR, IMPORTS_DIR, LIBRARY_FILES } from "./library-layout.js";
import { serializeSettings } from "./serialize.js";
import { INIT_MARKER, processIsAlive, removeStaleFiles, tempFilePid } from "./stale-files.js";
import { parseYaml } from "./yaml-document.js";

export interface InitLibraryOptions {
  title: string;
  language: Language;
  /** A folder whose library files are copied in (e.g. `templates/limu`). */
  templateDir?: string;
  /** Milliseconds since the epoch, for the creation marker; default `Date.now`. */
  now?: () => number;
}

export interface InitLibraryResult {
  root: string;
  /** Files and folders created, relative to the root. */
  created: string[];
  /** What an interrupted earlier run had left and this one completed or removed; usually empty. */
  recovered: string[];
}

/** Entries a fresh folder may already hold (a new git repository, Finder's litter). */
const HARMLESS = new Set([".git", ".DS_Store", ".gitignore", "README.md", "LICENSE"]);
const NOT_COPIED = new Set([DERIVED_DIR, ".git", LIBRARY_FILES.settings]);

/**
 * What a folder is to `init` and `import --into`: `missing`; `empty` (nothing but HARMLESS
 * entries, an empty `.jingdu/` and temp files of dead processes); `pending` (a library whose
 * creation was interrupted: INIT_MARKER and no jingdu.yaml); `library`; `other` (`clutter` lists
 * what is in the way).
 */
export type LibraryFolderState =
  | { state: "missing" | "empty" | "pending" | "library" }
  | { state: "other"; clutter: string[] };

async function listDir(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ENOTDIR") return [dir];
    throw err;
  }
}

const isDeadTemp = (name: string, inDerived = false): boolean => {
  const pid = tempFilePid(name, inDerived);
  return pid !== undefined && !processIsAlive(pid);
};

/** Classifies `dir` (see LibraryFolderState). */
export async function libraryFolderState(dir: string): Promise<LibraryFolderState> {
  const names = await listDir(dir);
  if (names === undefined) return { state: "missing" };
  if (names.includes(LIBRARY_FILES.settings)) return { state: "library" };
  const derived = names.includes(DERIVED_DIR) ? await listDir(join(dir, DERIVED_DIR)) : [];
  if (derived?.includes(INIT_MARKER.slice(DERIVED_DIR.length + 1))) return { state: "pending" };
  const clutter = names.filter((name) => {
    if (HARMLESS.has(name) || isDeadTemp(name)) return false;
    // A `.jingdu/` holding nothing (or a dead temp): a creation killed before its marker.
    return !(name === DERIVED_DIR && (derived ?? []).every((n) => isDeadTemp(n, true)));
  });
  return clutter.length === 0 ? { state: "empty" } : { state: "other", clutter };
}

/** Every file under `dir`, relative and `/`-separated, sorted. */
async function filesUnder(dir: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
    const path = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...(await filesUnder(dir, path)));
    else if (e.isFile()) out.push(path);
  }
  return out.sort();
}

/** Writes `content` unless the file exists: `created`, `same` (our bytes) or `kept` (others). */
async function writeNew(
  path: string,
  content: string | Buffer,
): Promise<"created" | "same" | "kept"> {
  try {
    await writeFileAtomic(path, content, { expectedHash: null });
    return "created";
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    const now = await readFile(path);
    return now.equals(Buffer.from(content)) ? "same" : "kept";
  }
}

/**
 * Creates a library in `dir` (made if missing): categories.yaml, papers/, courses/, a .gitignore
 * with `.jingdu/`, and `jingdu.yaml` LAST: it makes the folder a library, so a run killed before
 * it leaves no library but INIT_MARKER, and the next `initLibrary` on the folder completes it
 * (`recovered` says so). Every file is written atomically. With a template, its library files are
 * copied in and its jingdu.yaml's description kept. Refuses a library or a folder with other files.
 * @example await initLibrary("study", { title: "论文精读", language: "zh", templateDir: "templates/limu" })
 */
export async function initLibrary(
  dir: string,
  options: InitLibraryOptions,
): Promise<InitLibraryResult> {
  const root = resolve(dir);
  const found = await libraryFolderState(root);
  if (found.state === "library") {
    throw new JingduError("already-a-library", `${root} is already a jingdu library`, {
      hint: "Use it as it is, or choose another folder for a new library.",
    });
  }
  if (found.state === "other") {
    const { clutter } = found;
    throw new JingduError(
      "folder-not-empty",
      `${root} is not empty (${clutter.slice(0, 3).join(", ")}${clutter.length > 3 ? ", …" : ""})`,
      { hint: "Create the library in a new or empty folder." },
    );
  }
  const recovered: string[] = [];
  if (found.state === "pending") {
    // The marker is only read for its start time, said in the message; without it the message omits it.
    const marker = await readFile(join(root, INIT_MARKER), "utf8").catch(() => "");
    const started = /"startedAt":"([^"]+)"/.exec(marker)?.[1];
    recovered.push(
      `completed the library an interrupted run began creating${started ? ` at ${started}` : ""}`,
    );
  }
  // Only now, the folder being empty or ours: temps of the killed run are not a person's files.
  for (const path of await removeStaleFiles(root)) {
    recovered.push(`removed the stale ${path.endsWith(".tmp") ? "temp" : "lock"} ${path}`);
  }
  await mkdir(join(root, DERIVED_DIR), { recursive: true });
  // Its existence is what counts (a 0-byte marker is one too): a plain write is enough.
  const startedAt = new Date((options.now ?? Date.now)()).toISOString();
  await writeFile(join(root, INIT_MARKER), `${JSON.stringify({ startedAt, pid: process.pid })}\n`);

  const created: string[] = [];
  let description: string | undefined;
  if (options.templateDir) {
    const template = resolve(options.templateDir);
    if ((await listDir(template)) === undefined) {
      throw new JingduError("template-missing", `template folder ${template} does not exist`);
    }
    // The template's files are what an import of the same study log would write: recorded like
    // an import's, so `jingdu import LOG --course ID` updates them until they are edited. Only
    // what this init wrote (or an interrupted one did, same bytes): a README or a LICENSE of the
    // folder's own is neither overwritten nor recorded.
    const recorded: string[] = [];
    const tops = new Set<string>();
    for (const path of await filesUnder(template)) {
      const top = path.split("/")[0] as string;
      if (NOT_COPIED.has(top)) continue;
      const outcome = await writeNew(join(root, path), await readFile(join(template, path)));
      if (outcome === "kept") continue;
      tops.add(top);
      if (path !== LIBRARY_FILES.progress) recorded.push(path);
    }
    created.push(...tops);
    await recordImportedFiles(root, TEMPLATE_IMPORT, recorded, { replace: true });
    created.push(`${IMPORTS_DIR}/${TEMPLATE_IMPORT}.yaml`);
    const text = await readFile(join(template, LIBRARY_FILES.settings), "utf8").catch(
      missingAs(null),
    );
    if (text !== null) {
      const parsed = settingsSchema.safeParse(
        parseYaml(text, { file: LIBRARY_FILES.settings }).data,
      );
      if (parsed.success) description = parsed.data.description;
    }
  }
  if ((await writeNew(join(root, LIBRARY_FILES.categories), "[]\n")) !== "kept") {
    if (!created.includes(LIBRARY_FILES.categories)) created.push(LIBRARY_FILES.categories);
  }
  for (const folder of ["papers", "courses"]) {
    if (created.includes(folder)) continue;
    await mkdir(join(root, folder), { recursive: true });
    created.push(`${folder}/`);
  }
  const ignorePath = join(root, ".gitignore");
  // Only a missing .gitignore is made anew: one that cannot be read is not overwritten.
  const ignore = await readFile(ignorePath, "utf8").catch(missingAs(null));
  if (!(ignore ?? "").split(/\r?\n/).some((line) => line.trim() === `${DERIVED_DIR}/`)) {
    const before = ignore ?? "";
    const sep = before === "" || before.endsWith("\n") ? "" : "\n";
    await writeFileAtomic(ignorePath, `${before}${sep}${DERIVED_DIR}/\n`);
    if (ignore === null) created.push(".gitignore");
  }

  // The commit point: from here on the folder is a library.
  const settings: LibrarySettings = {
    title: options.title,
    language: options.language,
    version: 1,
    ...(description === undefined ? {} : { description }),
  };
  await writeFileAtomic(join(root, LIBRARY_FILES.settings), serializeSettings(settings), {
    expectedHash: null,
  });
  created.push(LIBRARY_FILES.settings);
  await rm(join(root, INIT_MARKER), { force: true });
  return { root, created: created.sort(), recovered };
}
