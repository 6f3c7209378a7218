import { join } from "node:path";
import { updateLibraryFiles } from "../base/index.js";
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

type Store = typeof import("../store/index.js");
let storeModule: Promise<Store> | undefined;
/** The store, imported once (a dynamic import per fill cost ~0.4 ms each under tsx). */
const store = (): Promise<Store> => {
  storeModule ??= import("../store/index.js");
  return storeModule;
};

/** The edit of one paper's file that fills it from `found` (the fields filled are its result). */
function fillEdit(s: Store, root: string, id: string, found: PaperFill) {
  const file = s.paperPath(id);
  return {
    path: join(root, file),
    compute: ({ bytes }: { bytes: Buffer | null }) => {
      if (bytes === null) {
        throw new JingduError("paper-gone", `${file} was removed while it was being filled`, {
          hint: "Run the command again.",
        });
      }
      const fm = s.parseFrontMatter(bytes.toString("utf8"), file);
      const data = { ...((fm.data ?? {}) as Record<string, unknown>) };
      const filled = missingFields(data, found);
      if (filled.length === 0) return { result: [] as string[] };
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
      return { content: s.stringifyFrontMatter(data, fm.body), result: filled };
    },
  };
}

/**
 * Fills the empty fields of `papers/<id>.md` from a resolved paper, through the one serialized
 * writer: the file is re-read under its lock, so an edit made meanwhile is kept; its notes and
 * every field the person wrote stay as they are. Returns the fields filled (`[]`: nothing new).
 * @example await fillPaperFile(root, "resnet", found) // ["ids.arxiv", "title", "year", …]
 */
export async function fillPaperFile(root: string, id: string, found: PaperFill): Promise<string[]> {
  const s = await store();
  const { path, compute } = fillEdit(s, root, id, found);
  const update = await s.updateLibraryFile<string[]>(path, compute);
  return update.result ?? [];
}

/**
 * `fillPaperFile` for many papers in one batch of the writer (one fsync pass for all); each
 * paper's filled fields, or the error that kept it from being filled. Each id may appear once.
 * @example await fillPaperFiles(root, [{ id: "resnet", found }, { id: "vgg", found: other }])
 */
export async function fillPaperFiles(
  root: string,
  fills: readonly { id: string; found: PaperFill }[],
): Promise<(string[] | { error: unknown })[]> {
  const s = await store();
  const updates = await updateLibraryFiles<string[]>(
    fills.map(({ id, found }) => fillEdit(s, root, id, found)),
  );
  return updates.map((u) => (u.error !== undefined ? { error: u.error } : (u.result ?? [])));
}
