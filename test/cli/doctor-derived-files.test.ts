/**
 * `jingdu doctor` reads every file docs/metadata.md and docs/snapshots.md say it checks:
 * `metadata/*.jsonl` and `snapshots/index.jsonl` line by line, and reports entries that are not
 * plain files (links, FIFOs) instead of skipping them silently; the other commands skip the same
 * bad lines and never hang on a FIFO.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess, tempDir } from "../support/run-cli.js";

const HASH = "a".repeat(64);
const good = (key: string) =>
  JSON.stringify({
    key,
    source: "semantic-scholar",
    query: "CorpusId:1",
    fetchedAt: "2025-12-01T08:00:00.000Z",
    status: "ok",
    values: { citationCount: 5, title: "Fetched title" },
    history: { citationCount: [["2025-12-01", 5]] },
  });

interface Problem {
  level: string;
  rule: string;
  file: string;
  line: number;
  message: string;
}

describe("doctor reads metadata/, snapshots/ and reports non-plain files", () => {
  let lib: string;
  beforeAll(async () => {
    const work = tempDir();
    expect((await runCliInProcess(["init", "lib"], { cwd: work })).code).toBe(0);
    lib = join(work, "lib");
    mkdirSync(join(lib, "papers"), { recursive: true });
    writeFileSync(join(lib, "papers", "a.md"), "---\nshort: A\n---\n");
    mkdirSync(join(lib, "metadata"));
    writeFileSync(
      join(lib, "metadata", "semantic-scholar.jsonl"),
      [
        good("paper:a"),
        '{"key":"paper:b","source":"semantic-scholar","query":"x","fetchedAt":"2025-12-01T08:00:00.000Z","values":null}',
        "{not json",
        "",
      ].join("\n"),
    );
    mkdirSync(join(lib, "snapshots"));
    const entry = (extra: object) =>
      JSON.stringify({
        url: "https://example.org/",
        hash: HASH,
        path: `snapshots/objects/aa/${HASH}.html`,
        fetchedAt: "2025-12-01T08:00:00.000Z",
        checkedAt: "2025-12-01T08:00:00.000Z",
        finalUrl: "https://example.org/",
        status: 200,
        contentType: "text/html",
        bytes: 10,
        ...extra,
      });
    writeFileSync(
      join(lib, "snapshots", "index.jsonl"),
      `${entry({})}\n${entry({ url: "https://evil.example/", path: "../../etc/passwd" })}\n`,
    );
    // A paper that is a link to a file outside the library, and a FIFO where a paper would be.
    const outside = join(work, "outside.md");
    writeFileSync(outside, "---\nshort: Outside\n---\n");
    symlinkSync(outside, join(lib, "papers", "linked.md"));
    execFileSync("mkfifo", [join(lib, "papers", "pipe.md")]);
    execFileSync("mkfifo", [join(lib, "metadata", "arxiv.jsonl")]);
  });

  it("reports every bad line with file:line, the missing object, the link and the FIFOs", async () => {
    const run = await runCliInProcess(["doctor", "--json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(4);
    const problems = (JSON.parse(run.stdout) as { problems: Problem[] }).problems;
    const at = (p: Problem) => `${p.rule} ${p.file}:${p.line}`;
    expect(problems.map(at)).toEqual(
      expect.arrayContaining([
        "metadata-line-invalid metadata/semantic-scholar.jsonl:2",
        "metadata-line-invalid metadata/semantic-scholar.jsonl:3",
        "snapshot-object-missing snapshots/index.jsonl:1",
        "snapshot-line-invalid snapshots/index.jsonl:2",
        "file-not-regular papers/linked.md:0",
        "file-not-regular papers/pipe.md:0",
        "file-not-regular metadata/arxiv.jsonl:0",
      ]),
    );
    const byAt = new Map(problems.map((p) => [at(p), p.message]));
    expect(byAt.get("metadata-line-invalid metadata/semantic-scholar.jsonl:2")).toMatch(/values/);
    expect(byAt.get("snapshot-line-invalid snapshots/index.jsonl:2")).toMatch(
      /path: not a path under snapshots\/objects\//,
    );
    expect(byAt.get("file-not-regular papers/linked.md:0")).toMatch(
      /a symbolic link \(→ .*outside\.md\)/,
    );
    expect(byAt.get("file-not-regular papers/pipe.md:0")).toMatch(/named pipe \(FIFO\)/);
    // Reported once, though both the reader and the folder walk see it.
    expect(problems.filter((p) => p.file === "metadata/arxiv.jsonl")).toHaveLength(1);
  });

  it("the other readers skip the same lines and do not block on the FIFO", async () => {
    const status = await runCliInProcess(["status", "--json"], { cwd: lib });
    expect(status.code, status.stderr).toBe(0);
    const out = join(tempDir(), "site");
    const build = await runCliInProcess(["build", "--out", out], { cwd: lib });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).not.toMatch(/unexpected error/);
    // Reported there too, not only by doctor.
    expect(build.stderr).toMatch(
      /metadata\/semantic-scholar\.jsonl:2: .*\[metadata-line-invalid\]/,
    );
    expect(build.stderr).toMatch(/snapshots\/index\.jsonl:2: .*\[snapshot-line-invalid\]/);
  });
});
