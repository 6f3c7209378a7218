import { access } from "node:fs/promises";
import { join } from "node:path";
import { notALibrary } from "../core/index.js";
import { type LoadedLibrary, libraryFromParsed } from "./assemble-library.js";
import { LIBRARY_FILES, listLibraryFiles } from "./library-layout.js";
import { parseReadFile } from "./parse-file.js";
import { type FileStamp, readStampedFiles } from "./read-files.js";

export {
  assembleLibrary,
  type FileSource,
  type LoadedLibrary,
  libraryFromParsed,
} from "./assemble-library.js";

/**
 * Reads a whole library. A file with problems is reported and skipped (or partly used, when an
 * optional field is invalid); the rest loads. Throws `notALibrary` when there is no jingdu.yaml.
 * @example const { library, diagnostics } = await loadLibrary("/home/me/study")
 */
export async function loadLibrary(root: string): Promise<LoadedLibrary> {
  try {
    await access(join(root, LIBRARY_FILES.settings));
  } catch {
    throw notALibrary(root);
  }
  const paths = await listLibraryFiles(root);
  const files = new Map<string, FileStamp>();
  const parsed = await readStampedFiles(root, paths, (read) => {
    files.set(read.path, { hash: read.hash, mtimeMs: read.mtimeMs, size: read.size });
    return parseReadFile(read);
  });
  return libraryFromParsed(root, parsed, files);
}
