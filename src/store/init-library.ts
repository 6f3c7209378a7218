import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { JingduError, type Language, type LibrarySettings } from "../core/index.js";
import { settingsSchema } from "../core/schemas.js";
import { recordImportedFiles, TEMPLATE_IMPORT } from "./apply-import.js";
import { writeFileAtomic } from "./atomic-write.js";
import { DERIVED_DIR, IMPORTS_DIR, LIBRARY_FILES } from "./library-layout.js";
import { serializeSettings } from "./serialize.js";
import { parseYaml } from "./yaml-document.js";

export interface InitLibraryOptions {
  title: string;
  language: Language;
  /** A folder whose library files are copied in (e.g. `templates/limu`). */
  templateDir?: string;
}

export interface InitLibraryResult {
  root: string;
  /** Files and folders created, relative to the root. */
  created: string[];
}

/** Entries a fresh folder may already hold (a new git repository, Finder's litter). */
const HARMLESS = new Set([".git", ".DS_Store", ".gitignore", "README.md", "LICENSE"]);
const NOT_COPIED = new Set([DERIVED_DIR, ".git", LIBRARY_FILES.settings]);

async function listDir(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/**
 * Creates a library in `dir` (made if missing): jingdu.yaml, categories.yaml, papers/, courses/
 * and a .gitignore with `.jingdu/`. With a template, its library files are copied in and its
 * jingdu.yaml's description kept. Refuses a folder that is already a library or holds other files.
 * @example await initLibrary("study", { title: "论文精读", language: "zh", templateDir: "templates/limu" })
 */
export async function initLibrary(
  dir: string,
  options: InitLibraryOptions,
): Promise<InitLibraryResult> {
  const root = resolve(dir);
  const existing = await listDir(root);
  if (existing?.includes(LIBRARY_FILES.settings)) {
    throw new JingduError("already-a-library", `${root} is already a jingdu library`, {
      hint: "Use it as it is, or choose another folder for a new library.",
    });
  }
  const clutter = (existing ?? []).filter((name) => !HARMLESS.has(name));
  if (clutter.length > 0) {
    throw new JingduError(
      "folder-not-empty",
      `${root} is not empty (${clutter.slice(0, 3).join(", ")}${clutter.length > 3 ? ", …" : ""})`,
      { hint: "Create the library in a new or empty folder." },
    );
  }
  await mkdir(root, { recursive: true });
  const created: string[] = [];
  let description: string | undefined;
  if (options.templateDir) {
    const template = resolve(options.templateDir);
    const names = await listDir(template);
    if (names === undefined) {
      throw new JingduError("template-missing", `template folder ${template} does not exist`);
    }
    for (const name of names.sort()) {
      if (NOT_COPIED.has(name)) continue;
      await cp(join(template, name), join(root, name), {
        recursive: true,
        force: false,
        errorOnExist: true,
      });
      created.push(name);
    }
    // The template's files are what an import of the same study log would write: recorded like
    // an import's, so `jingdu import LOG --course ID` updates them until they are edited. Only
    // what was copied: the folder may already hold a `.git/`, a README or a LICENSE of its own.
    const copied: string[] = [];
    for (const name of created) {
      const entries = await readdir(join(root, name), { recursive: true, withFileTypes: true })
        .then((list) =>
          list.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name)),
        )
        .catch(() => [join(root, name)]);
      for (const file of entries) {
        const path = relative(root, file).split(sep).join("/");
        if (path !== LIBRARY_FILES.settings && path !== LIBRARY_FILES.progress) copied.push(path);
      }
    }
    copied.sort();
    await recordImportedFiles(root, TEMPLATE_IMPORT, copied);
    created.push(`${IMPORTS_DIR}/${TEMPLATE_IMPORT}.yaml`);
    if (names.includes(LIBRARY_FILES.settings)) {
      const text = await readFile(join(template, LIBRARY_FILES.settings), "utf8");
      const parsed = settingsSchema.safeParse(
        parseYaml(text, { file: LIBRARY_FILES.settings }).data,
      );
      if (parsed.success) description = parsed.data.description;
    }
  }
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
  const after = new Set(await readdir(root));
  if (!after.has(LIBRARY_FILES.categories)) {
    await writeFile(join(root, LIBRARY_FILES.categories), "[]\n", { flag: "wx" });
    created.push(LIBRARY_FILES.categories);
  }
  for (const folder of ["papers", "courses"]) {
    if (after.has(folder)) continue;
    await mkdir(join(root, folder));
    created.push(`${folder}/`);
  }
  const ignorePath = join(root, ".gitignore");
  const ignore = after.has(".gitignore") ? await readFile(ignorePath, "utf8") : "";
  if (!ignore.split(/\r?\n/).some((line) => line.trim() === `${DERIVED_DIR}/`)) {
    const sep = ignore === "" || ignore.endsWith("\n") ? "" : "\n";
    await writeFile(ignorePath, `${ignore}${sep}${DERIVED_DIR}/\n`);
    if (!after.has(".gitignore")) created.push(".gitignore");
  }
  return { root, created: created.sort() };
}
