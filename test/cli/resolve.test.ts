import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeLibrary, makePaper } from "../../src/core/make-items.js";
import { libraryFiles } from "../../src/store/index.js";
import { writeTempLibrary } from "../fixtures/libraries/sample-libraries.js";
import { demoLibrary } from "../support/demo-library.js";
import {
  describeWithFixtures,
  type FakeApiServer,
  startFakeApiServer,
} from "../support/fake-api-server.js";
import { runJingduAsync } from "../support/run-cli.js";

/** The built CLI (run `npm run build` first) against the fake S2 on 127.0.0.1; needs ../shared. */
describeWithFixtures(
  "jingdu add (dedupe) and jingdu resolve, as a person runs them",
  (fixtures) => {
    let server: FakeApiServer;
    let env: Record<string, string>;
    const cleanup: string[] = [];

    beforeAll(async () => {
      server = await startFakeApiServer({ fixturesDir: fixtures });
      server.handle({ method: "GET", path: "/graph/v1/paper/ARXIV:1512.03385" }, () => ({
        fixture: "synthetic:s2-paper-arxiv-resnet.SHAPED.json",
      }));
      server.handle({ method: "GET", path: "/graph/v1/paper/search" }, (req) =>
        /^VGG\b/.test(req.query.get("query") ?? "")
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
      expect(run.stdout).toContain("Filled papers/resnet.md");
      expect(readdirSync(join(lib, "papers"))).toHaveLength(before);
      expect(readFileSync(join(lib, "papers/resnet.md"), "utf8")).toContain("Kaiming He");
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
  },
);
