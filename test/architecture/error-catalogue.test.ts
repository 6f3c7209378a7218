import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/run-cli.js";
import { ERROR_CATALOGUE, type ErrorCode, EXIT } from "../../src/core/index.js";
import { REPO } from "../support/shared-files.js";

/** The rows of docs/errors.md's table: code → [exit, HTTP status]. */
function documentedCodes(): Map<string, [number, number]> {
  const doc = readFileSync(join(REPO, "docs", "errors.md"), "utf8");
  const rows = new Map<string, [number, number]>();
  for (const m of doc.matchAll(/^\| `([a-z0-9-]+)` \| (\d+) \w+ \| (\d{3}) \|/gm)) {
    expect(rows.has(m[1] as string), `${m[1]} listed twice`).toBe(false);
    rows.set(m[1] as string, [Number(m[2]), Number(m[3])]);
  }
  return rows;
}

describe("docs/errors.md", () => {
  it("lists exactly the catalogue's codes, each with its exit code and HTTP status", () => {
    const documented = documentedCodes();
    expect([...documented.keys()].sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE))
      expect(documented.get(code), code).toEqual([entry.exit, entry.status]);
  });
});

describe("the CLI exits with the catalogue's exit code and prints message and hint", () => {
  let work: string;
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const ctx: CliContext = {
      output: { out: (s) => out.push(s), err: (s) => err.push(s), tty: false },
      cwd: work,
      env: {},
      now: () => new Date("2026-12-02T00:00:00Z"),
      packageRoot: REPO,
    };
    const code = await runCli(args, ctx);
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  };
  const expectError = (r: { code: number; stderr: string }, code: ErrorCode, says: RegExp) => {
    expect(r.code, r.stderr).toBe(ERROR_CATALOGUE[code].exit);
    expect(r.stderr).toMatch(/^jingdu: /m);
    expect(r.stderr).toMatch(says);
  };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "jingdu-error-codes-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("not-a-library: 3, with the way to make one", async () => {
    const r = await run(["--library", join(work, "nowhere"), "status"]);
    expectError(r, "not-a-library", /no jingdu library at/);
    expect(r.code).toBe(EXIT.notALibrary);
    expect(r.stderr).toMatch(/^hint: Create one with `jingdu init DIR`/m);
  });

  it("unknown-course: 2 (usage); file-not-found: 6 (invalid input)", async () => {
    const lib = join(work, "lib");
    expect((await run(["init", lib])).code).toBe(EXIT.ok);
    expectError(await run(["--library", lib, "done", "nosuch/1"]), "unknown-course", /nosuch/);
    expect(ERROR_CATALOGUE["unknown-course"].exit).toBe(EXIT.usage);
    const missing = await run(["--library", lib, "import", join(work, "missing.md")]);
    expectError(missing, "file-not-found", /missing\.md: no such file/);
    expect(missing.code).toBe(EXIT.invalidInput);
  });

  it("already-a-library: 1, naming the folder", async () => {
    const lib = join(work, "twice");
    expect((await run(["init", lib])).code).toBe(EXIT.ok);
    expectError(await run(["init", lib]), "already-a-library", /is already a jingdu library/);
  });
});
