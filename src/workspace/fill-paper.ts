import { join } from "node:path";
import { JingduError, type Paper } from "../core/index.js";

/** What a fill may give an existing paper: only fields the person left empty are written. */
export type PaperFill = Pick<Paper, "ids" | "authors" | "links"> &
  Partial<Pick<Paper, "title" | "year" | "venue">>;

/** The fields of `found` an entry like `current` lacks (ids one by one; never a person's value). */
export function missingFields(current: Record<string, unknown>, found: PaperFill): string[] {
  const out: string[] = [];
  const ids = (current.ids ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(found.ids)) {
    if (v !== undefined && v !== "" && (ids[k] === undefined || ids[k] === ""))
      out.push(`ids.${k}`);
  }
  for (const k of ["title", "year", "venue"] as const) {
    if (found[k] !== undefined && (current[k] === undefined || current[k] === "")) out.push(k);
  }
  const authors = current.authors;
  if (found.authors.length > 0 && !(Array.isArray(authors) && authors.length > 0)) {
    out.push("authors");
  }
  const links = Array.isArray(current.links) ? (current.links as { kind?: string }[]) : [];
  const pdf = found.links.find((l) => l.kind === "pdf");
  if (pdf && !links.some((l) => l.kind === "pdf")) out.push("links.pdf");
  return out;
}

/**
 * Fills the empty fields of `papers/<id>.md` from a resolved paper, through the one serialized
 * writer: the file is re-read under its lock, so an edit made meanwhile is kept; its notes and
 * every field the person wrote stay as they are. Returns the fields filled (`[]`: nothing new).
 * @example await fillPaperFile(root, "resnet", found) // ["ids.arxiv", "title", "year", …]
 */
export async function fillPaperFile(root: string, id: string, found: PaperFill): Promise<string[]> {
  const { paperPath, parseFrontMatter, stringifyFrontMatter, updateLibraryFile } = await import(
    "../store/index.js"
  );
  const file = paperPath(id);
  const update = await updateLibraryFile<string[]>(join(root, file), ({ bytes }) => {
    if (bytes === null) {
      throw new JingduError("paper-gone", `${file} was removed while it was being filled`, {
        hint: "Run the command again.",
      });
    }
    const fm = parseFrontMatter(bytes.toString("utf8"), file);
    const data = { ...((fm.data ?? {}) as Record<string, unknown>) };
    const filled = missingFields(data, found);
    if (filled.length === 0) return { result: [] };
    const ids = { ...((data.ids ?? {}) as Record<string, unknown>) };
    for (const f of filled) {
      if (f.startsWith("ids.")) {
        const k = f.slice(4) as keyof Paper["ids"];
        ids[k] = found.ids[k];
      } else if (f === "links.pdf") {
        const links = Array.isArray(data.links) ? data.links : [];
        data.links = [...links, ...found.links.filter((l) => l.kind === "pdf").slice(0, 1)];
      } else {
        data[f] = found[f as "title" | "year" | "venue" | "authors"];
      }
    }
    if (Object.keys(ids).length > 0) data.ids = ids;
    // A name that has ids now is no longer waiting to be resolved.
    if (data.unresolved === true && Object.keys(ids).length > 0) delete data.unresolved;
    return { content: stringifyFrontMatter(data, fm.body), result: filled };
  });
  return update.result ?? [];
}
