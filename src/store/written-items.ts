import { contentHash } from "../base/index.js";
import type { ImportApplyResult } from "./apply-import.js";
import type { WrittenItem } from "./index-api.js";
import { coursePath, episodePath, paperPath } from "./library-layout.js";
import type { LibraryParts } from "./serialize.js";

/**
 * What an import wrote, for the index to take instead of reading and parsing those files again
 * (`LibraryIndex.refresh`'s `written`): each file `applyImport` created or replaced with the
 * import's own content (`files`, as `libraryFiles(parts)` made it), with the item it was written
 * from. A file merged, kept or left unchanged is not in it: the index reads that one.
 * @example await index.refresh(undefined, writtenItems(parts, files, applied))
 */
export function writtenItems(
  parts: Pick<LibraryParts, "papers" | "courses">,
  files: ReadonlyMap<string, string>,
  applied: Pick<ImportApplyResult, "files">,
): Map<string, WrittenItem> {
  const items = new Map<string, WrittenItem["item"]>();
  for (const paper of parts.papers ?? []) items.set(paperPath(paper.id), { kind: "paper", paper });
  for (const { episodes, ...course } of parts.courses ?? []) {
    items.set(coursePath(course.id), { kind: "course", course });
    for (const episode of episodes) {
      items.set(episodePath(course.id, episode.number), { kind: "episode", episode });
    }
  }
  const out = new Map<string, WrittenItem>();
  for (const { path, outcome } of applied.files) {
    if (outcome !== "created" && outcome !== "updated") continue;
    const item = items.get(path);
    const content = files.get(path);
    if (item && content !== undefined) out.set(path, { hash: contentHash(content), item });
  }
  return out;
}
