/**
 * `dismissed-papers.txt`: the suggestions of `jingdu next --papers` the learner dismissed, never
 * suggested again (docs/library-format.md). A plain file a person may edit: one Semantic Scholar
 * paper id a line, anything after the id a note (jingdu writes the title and the date), `#`
 * starts a comment line. Editing keeps every other line as it was.
 *
 * Pure: text in, text out (the workspace reads and writes it through the one writer).
 */

export const DISMISSED_PAPERS_FILE = "dismissed-papers.txt";

const HEADER = [
  "# Papers `jingdu next --papers` never suggests again (`--dismiss ID`, `--undismiss ID`).",
  "# One Semantic Scholar paper id a line; what follows the id is a note.",
];

const S2_ID = /^[0-9a-f]{40}$/;

/** Whether `text` is a Semantic Scholar paperId (40 lower-case hex digits). */
export function isS2PaperId(text: string): boolean {
  return S2_ID.test(text);
}

/** The id a line holds, or undefined for a comment, a blank line or a line without an id. */
function idOfLine(line: string): string | undefined {
  const first = line.trim().split(/\s+/, 1)[0] ?? "";
  if (first === "" || first.startsWith("#")) return undefined;
  const id = first.toLowerCase();
  return isS2PaperId(id) ? id : undefined;
}

/**
 * The dismissed ids, and the lines that hold no id though they are not comments (1-based).
 * @example parseDismissedPapers("995c…13e  Batch Normalization\n").ids.has("995c…13e")
 */
export function parseDismissedPapers(text: string): { ids: Set<string>; badLines: number[] } {
  const ids = new Set<string>();
  const badLines: number[] = [];
  text.split("\n").forEach((line, i) => {
    const id = idOfLine(line);
    if (id) ids.add(id);
    else if (line.trim() !== "" && !line.trim().startsWith("#")) badLines.push(i + 1);
  });
  return { ids, badLines };
}

/**
 * The file's text with `s2` dismissed (a line added, with `note`) or undismissed (its lines
 * removed); `undefined` when it already is as asked. `text` null: no file yet.
 */
export function editDismissedPapers(
  text: string | null,
  s2: string,
  dismiss: boolean,
  note = "",
): string | undefined {
  const lines = text === null || text === "" ? [...HEADER] : text.replace(/\n$/, "").split("\n");
  const has = lines.some((l) => idOfLine(l) === s2);
  if (has === dismiss) return undefined;
  const next = dismiss
    ? [...lines, note === "" ? s2 : `${s2}  ${note.replace(/\s+/g, " ").trim()}`]
    : lines.filter((l) => idOfLine(l) !== s2);
  return `${next.join("\n")}\n`;
}
