/**
 * CPU time of parsing every file of a synthetic library (2,000 papers and 2,000 episodes by
 * default) with `parseLibraryFile`, the text → model step of every load: files are read into
 * memory first, so the figure is parsing and validation only. CPU time, not wall time, as the
 * machine may be shared; the first rounds warm the JIT and are left out of the figure.
 * Run: node --import tsx bench/parse-files.ts [notes=4000]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseLibraryFile } from "../src/store/index.js";
import { syntheticLibrary, writeJingduLibrary } from "./synthetic-library.js";

const ROUNDS = 8;
const WARM_UP = 2;

const count = Number(process.argv[2] ?? 4000);
const root = mkdtempSync(join(tmpdir(), "jingdu-bench-parse-"));
try {
  writeJingduLibrary(root, syntheticLibrary(count));
  const files: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push([relative(root, path), readFileSync(path, "utf8")]);
    }
  };
  walk(root);
  const rounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.cpuUsage();
    for (const [path, text] of files) parseLibraryFile(path, text);
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / 1000);
  }
  const kept = rounds.slice(WARM_UP).sort((a, b) => a - b);
  console.log(
    `parse: ${files.length} files, CPU ms per round ${rounds.map(Math.round).join(" ")}; ` +
      `best ${Math.round(kept[0] ?? 0)} ms, median ${Math.round(kept[Math.floor(kept.length / 2)] ?? 0)} ms`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
