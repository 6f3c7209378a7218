import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeLibrary, makePaper } from "../../src/core/make-items.js";
import { libraryFiles, loadLibrary } from "../../src/store/index.js";
import { writeTempLibrary } from "../fixtures/libraries/sample-libraries.js";
import { demoLibrary } from "../support/demo-library.js";
import {
  describeWithFixtures,
  type FakeApiServer,
  type FakeReply,
  type FakeRequest,
  SYNTHETIC_FIXTURES,
  startFakeApiServer,
} from "../support/fake-api-server.js";
import { CLI, runCliInProcess, runJingduAsync } from "../support/run-cli.js";

/** The built CLI (run `npm run build` first) against the fake S2 on 127.0.0.1; needs ../shared. */
describeWithFixtures(
  "jingdu add (dedupe) and jingdu resolve, as a person runs them",
  (fixtures) => {
    let server: FakeApiServer;
    let env: Record<string, string>;
    /** Answers the search instead of the recorded-shape replies (one test sets it). */
    let searchHook: ((req: FakeRequest) => FakeReply) | undefined;
    const cleanup: string[] = [];

    beforeAll(async () => {
      server = await startFakeApiServer({ fixturesDir: fixtures });
      server.handle({ method: "GET", path: "/graph/v1/paper/ARXIV:1512.03385" }, () => ({
        fixture: "synthetic:s2-paper-arxiv-resnet.SHAPED.json",
      }));
      server.handle({ method: "GET", path: "/graph/v1/paper/search" }, (req) =>
        searchHook
          ? searchHook(req)
          : /^VGG\b/.test(req.query.get("query") ?? "")
            ? { fixture: "synthetic:s2-paper-search-vgg.SHAPED.json" }
            : { fixture: "semanticscholar/s2-paper-search-no-results.json" },
      );
      env = { JINGDU_S2_URL: `${server.url}/graph/v1`, JINGDU_ARXIV_URL: `${server.url}/api` };
    });
    afterAll(async () => {
      await server.close();
      for (const d of cleanup) rmSync(d, { recursive: true, force: true });
    });

    it("add paper arXiv:1512.03385 in the demo fills resnet.md and creates no file", async () => {
      const lib = await demoLibrary("jingdu-cli-dedupe-");
      cleanup.push(dirname(lib));
      const before = readdirSync(join(lib, "papers")).length;
      const run = await runJingduAsync(["add", "paper", "arXiv:1512.03385"], { cwd: lib, env });
      expect(run.code, run.stderr).toBe(0);
      // The demo library is Chinese: so is what add says.
      expect(run.stdout).toContain("已补全 papers/resnet.md");
      expect(readdirSync(join(lib, "papers"))).toHaveLength(before);
      expect(readFileSync(join(lib, "papers/resnet.md"), "utf8")).toContain("Kaiming He");
    });

    it("on a terminal, Ctrl-D leaves the paper asked and unremembered; a number picks", async () => {
      const lib = await writeTempLibrary(
        libraryFiles(makeLibrary({ papers: [makePaper({ id: "vgg", short: "VGG", year: 2014 })] })),
      );
      cleanup.push(lib);
      // The input ends at the question (Node 20 leaves it unsettled): the run still ends.
      const eof = await runCliInProcess(["resolve", "--all"], { cwd: lib, env, typed: "" });
      expect(eof.code, eof.stderr).toBe(5);
      expect(eof.stdout).toContain("VGG (2014): which paper is it?");
      expect(eof.stdout).toContain("0 resolved, 1 asked, 0 not found");
      // Nothing was remembered (unlike Enter, "none of these"): the next run asks again.
      const one = await runCliInProcess(["resolve", "--all"], { cwd: lib, env, typed: "1\n" });
      expect(one.code, one.stderr).toBe(0);
      expect(one.stdout).toContain("VGG (2014): which paper is it?");
      expect(one.stdout).toContain("1 resolved, 0 asked, 0 not found");
      expect(readFileSync(join(lib, "papers/vgg.md"), "utf8")).toContain(
        "Very Deep Convolutional Networks",
      );
    });

    it("resolve --all asks for a short name (exit 5, candidates listed); --yes takes the best", async () => {
      const lib = await writeTempLibrary(
        libraryFiles(
          makeLibrary({
            papers: [
              makePaper({ id: "vgg", short: "VGG", year: 2014 }),
              makePaper({ id: "zzyzx", short: "Zzyzx", year: 2030 }),
            ],
          }),
        ),
      );
      cleanup.push(lib);
      const asked = await runJingduAsync(["resolve", "--all"], { cwd: lib, env });
      expect(asked.code, asked.stderr).toBe(5);
      expect(asked.stdout).toContain("vgg: not certain — candidates:");
      expect(asked.stdout).toContain(
        "1) Very Deep Convolutional Networks for Large-Scale Image Recognition",
      );
      expect(asked.stdout).toContain("0 resolved, 1 asked, 1 not found");
      const json = await runJingduAsync(["resolve", "vgg", "--yes", "--json"], { cwd: lib, env });
      expect(json.code, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout).summary).toEqual({ resolved: 1, asked: 0, notFound: 0 });
      expect(readFileSync(join(lib, "papers/vgg.md"), "utf8")).toContain('arxiv: "1409.1556"');
      const usage = await runJingduAsync(["resolve"], { cwd: lib, env });
      expect(usage.code).toBe(2);
    });

    it("a kill -9 mid-run and a rerun resolve the rest, asking S2 again for none that was done", async () => {
      const names = Array.from({ length: 8 }, (_, i) => `Kill test paper number ${i}`);
      const lib = await writeTempLibrary(
        libraryFiles(
          makeLibrary({
            papers: names.map((n, i) => makePaper({ id: `k${i}`, short: n, year: 2020 })),
          }),
        ),
      );
      cleanup.push(lib);
      const asked: string[] = [];
      const element = JSON.parse(
        readFileSync(join(SYNTHETIC_FIXTURES, "s2-paper-search-vgg.SHAPED.json"), "utf8"),
      ).data[0];
      let kill: (() => void) | undefined;
      searchHook = (req) => {
        const q = req.query.get("query") ?? "";
        const i = Number(/number (\d+)/.exec(q)?.[1]);
        asked.push(String(i));
        if (asked.length === 4) kill?.();
        const paper = {
          ...element,
          paperId: String(i).padStart(40, "a"),
          title: names[i],
          year: 2020,
          externalIds: { CorpusId: 1000 + i },
        };
        return { status: 200, body: JSON.stringify({ total: 1, offset: 0, data: [paper] }) };
      };
      const child = spawn(process.execPath, [CLI, "resolve", "--all"], {
        cwd: lib,
        env: { PATH: process.env.PATH ?? "", HOME: lib, NO_COLOR: "1", ...env },
        stdio: "ignore",
      });
      const exited = new Promise<NodeJS.Signals | null>((done) =>
        child.on("exit", (_c, s) => done(s)),
      );
      kill = () => child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      const firstRun = asked.length;
      expect(firstRun).toBeGreaterThanOrEqual(4);
      expect(firstRun).toBeLessThan(8);
      kill = undefined;
      const rerun = await runJingduAsync(["resolve", "--all", "--json"], { cwd: lib, env });
      expect(rerun.code, rerun.stderr).toBe(0);
      const after = (await loadLibrary(lib)).library.papers;
      expect(after.filter((p) => p.ids.corpusId !== undefined)).toHaveLength(8);
      // Only the paper in flight when killed may be asked twice.
      expect(asked.length - 8).toBeLessThanOrEqual(1);
    });
  },
);
