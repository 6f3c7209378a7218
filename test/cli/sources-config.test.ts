/**
 * `sources:` in jingdu.yaml does what docs/metadata.md says: a base URL per source, a key for S2,
 * a max age, and `enabled: false` to never ask a source; a wrong setting is reported by `doctor`
 * with file:line and left out, the rest holds. Commands run in-process (real files, real HTTP to
 * the fake server on 127.0.0.1) with no JINGDU_*_URL in the environment, so only the file says
 * where to go.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../../src/core/index.js";
import { type FakeApi, startFakeApi } from "../support/fake-api.js";
import { serveSyntheticBatch } from "../support/library-builder.js";
import { runCliInProcess, tempDir } from "../support/run-cli.js";

const BATCH = { method: "POST", path: "/graph/v1/paper/batch" };

async function makeLibrary(sourcesYaml: string): Promise<string> {
  const work = tempDir("jingdu-sources-config-");
  expect((await runCliInProcess(["init", "lib"], { cwd: work })).code).toBe(0);
  const lib = join(work, "lib");
  writeFileSync(join(lib, "jingdu.yaml"), `title: T\nlanguage: en\nversion: 1\n${sourcesYaml}`);
  mkdirSync(join(lib, "papers"), { recursive: true });
  writeFileSync(
    join(lib, "papers", "a.md"),
    '---\nshort: A\nids: { corpusId: 1, arxiv: "2101.00001" }\n---\n',
  );
  return lib;
}

describe("sources: in jingdu.yaml", () => {
  let server: FakeApi;
  /** In-process, with no JINGDU_*_URL in the environment: only jingdu.yaml names the fake. */
  const jingdu = (args: string[], lib: string, env: Record<string, string> = {}) =>
    server.jingdu(args, { cwd: lib, env, viaEnv: false });
  beforeEach(async () => {
    server = await startFakeApi();
    serveSyntheticBatch(server);
  });
  afterEach(() => server.close());

  it("baseUrl and apiKey from the file are used; enabled: false keeps a source unasked", async () => {
    const lib = await makeLibrary(
      [
        "sources:",
        `  s2: { baseUrl: "${server.url}/graph/v1", apiKey: from-file, maxAge: 2d }`,
        "  arxiv: { enabled: false }",
        "",
      ].join("\n"),
    );
    const run = await jingdu(["refresh"], lib);
    expect(run.code, run.stdout + run.stderr).toBe(EXIT.ok);
    expect(server.count(BATCH)).toBe(1);
    expect(server.requests[0]?.headers["x-api-key"]).toBe("from-file");
    expect(server.count({ path: "/api/query" })).toBe(0);
    expect(run.stdout).toContain("arxiv: disabled in jingdu.yaml");
    const only = await jingdu(["refresh", "--only", "arxiv"], lib);
    expect(only.code).toBe(EXIT.usage);
    expect(only.stderr).toMatch(
      /arxiv is disabled in jingdu.yaml \(sources.arxiv.enabled: false\)/,
    );
    const doctor = await runCliInProcess(["doctor"], { cwd: lib });
    expect(doctor.stdout).not.toMatch(/jingdu\.yaml/);
  });

  it("add course with bilibili turned off asks nothing and says why (exit 7)", async () => {
    const lib = await makeLibrary("sources:\n  bilibili: { enabled: false }\n");
    const run = await jingdu(["add", "course", "bilibili:BV1wE4m1R7cu"], lib, {
      JINGDU_BILIBILI_URL: server.url,
    });
    expect(run.code).toBe(EXIT.fetchFailed);
    expect(run.stderr).toMatch(
      /disabled in jingdu.yaml \(sources.bilibili.enabled: false\); not asked/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("S2_API_KEY is not sent to a server only jingdu.yaml names", async () => {
    const lib = await makeLibrary(`sources:\n  s2: { baseUrl: "${server.url}/graph/v1" }\n`);
    const run = await jingdu(["refresh", "--only", "s2"], lib, { S2_API_KEY: "secret" });
    expect(run.code, run.stdout + run.stderr).toBe(EXIT.ok);
    expect(server.count(BATCH)).toBe(1);
    expect(server.requests[0]?.headers["x-api-key"]).toBeUndefined();
  });

  it("a wrong setting is reported with file:line and left out; the others still hold", async () => {
    const lib = await makeLibrary(
      [
        "sources:",
        "  s2:",
        `    baseUrl: "${server.url}/graph/v1"`,
        "    maxAge: soon",
        "  arxiv:",
        "    enabled: false",
        "    apikey: typo",
        "",
      ].join("\n"),
    );
    const doctor = await runCliInProcess(["doctor", "--json"], { cwd: lib });
    const problems = JSON.parse(doctor.stdout).problems as {
      file: string;
      line: number;
      message: string;
    }[];
    const inSettings = problems.filter((p) => p.file === "jingdu.yaml");
    expect(inSettings.map((p) => p.line).sort((a, b) => a - b)).toEqual([7, 10]);
    expect(inSettings.map((p) => p.message).join("\n")).toMatch(/not an age/);
    const run = await jingdu(["refresh"], lib);
    expect(run.code, run.stdout + run.stderr).toBe(EXIT.ok);
    expect(server.count(BATCH)).toBe(1);
    expect(server.count({ path: "/api/query" })).toBe(0);
  });
});
