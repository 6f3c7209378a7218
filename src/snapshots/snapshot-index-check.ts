/**
 * `jingdu doctor` on `snapshots/index.jsonl`: each line must be an entry the readers use
 * (`snapshot-line-invalid`, file:line, otherwise skipped everywhere), and each entry's object must
 * exist (`snapshot-object-missing`: the archived copy is gone, the link shows as not archived).
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import { readRegularFile } from "../base/index.js";
import { type Diagnostic, notRegularDiagnostic } from "../core/index.js";
import { snapshotEntryProblem } from "./snapshot-entry.js";
import { SNAPSHOT_INDEX, type SnapshotEntry } from "./snapshot-store.js";

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Problems of `snapshots/index.jsonl`, each with its line; with `objects: false`, only the lines
 * (what a build reports, without looking for every object).
 * @example const problems = await checkSnapshotIndex("/home/me/study")
 */
export async function checkSnapshotIndex(
  root: string,
  opts: { objects?: boolean } = {},
): Promise<Diagnostic[]> {
  const read = await readRegularFile(join(root, SNAPSHOT_INDEX));
  if ("missing" in read) return [];
  if ("notRegular" in read) return [notRegularDiagnostic(SNAPSHOT_INDEX, read.notRegular)];
  const out: Diagnostic[] = [];
  const lines = read.text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let value: unknown;
    let problem: string | undefined;
    try {
      value = JSON.parse(line);
      problem = snapshotEntryProblem(value);
    } catch (err) {
      problem = `not JSON (${(err as Error).message})`;
    }
    if (problem !== undefined) {
      out.push({
        level: "warning",
        rule: "snapshot-line-invalid",
        message: `unreadable snapshot index line: ${problem}`,
        file: SNAPSHOT_INDEX,
        line: i + 1,
        hint: "Delete the line; `jingdu snapshot` archives the URL again.",
      });
      continue;
    }
    const entry = value as SnapshotEntry;
    if (opts.objects !== false && !(await exists(join(root, entry.path))))
      out.push({
        level: "warning",
        rule: "snapshot-object-missing",
        message: `the archived copy of ${entry.url} is missing: ${entry.path}`,
        file: SNAPSHOT_INDEX,
        line: i + 1,
        hint: "Run `jingdu snapshot --only all` to archive it again, or delete the line.",
      });
  }
  return out;
}
