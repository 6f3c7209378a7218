import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO } from "../support/shared-files.js";

/**
 * One run of dependency-cruiser over a tree's src/ with the project's rules
 * (.dependency-cruiser.cjs), as JSON: the module graph and the rule violations in one answer, so
 * each check reads the one run instead of cruising again (a cruise of src/ takes seconds).
 */
const CONFIG = join(REPO, ".dependency-cruiser.cjs");
// The package exports no subpath for its bin; it is installed with the project (npm ci).
const CRUISER = join(REPO, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

export interface Cruised {
  modules: {
    source: string;
    dependencies: { resolved: string; dependencyTypes: string[]; dynamic: boolean }[];
  }[];
  summary: {
    violations: { rule: { name: string; severity: string }; from: string; to: string }[];
    error: number;
  };
}

/** Cruises `cwd`'s src/ (its own tsconfig.json); throws when dependency-cruiser cannot run. */
export function cruise(cwd: string): Cruised {
  const r = spawnSync(
    process.execPath,
    [CRUISER, "src", "--config", CONFIG, "--output-type", "json"],
    { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  // With JSON output an error-level violation exits non-zero too; the answer is still the JSON.
  if (!r.stdout.startsWith("{")) throw new Error(`dependency-cruiser failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Cruised;
}

/** Each violation as dependency-cruiser's `err` output names it: `rule: from → to`. */
export function violations(cruised: Cruised): string[] {
  return cruised.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}
