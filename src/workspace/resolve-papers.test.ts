/**
 * `resolve` against a fake Semantic Scholar: the recorded title match for a full title, search
 * answers shaped like the recorded ones (test/fixtures/sources/*.SHAPED.json) for short names.
 * Needs ../shared/fixtures; skipped, saying so, without it.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import {
  describeWithFixtures,
  type FakeApiServer,
  startFakeApiServer,
} from "../../test/support/fake-api-server.js";
import { makeTestSources } from "../../test/support/test-sources.js";
import { makeLibrary, makePaper } from "../core/make-items.js";
import { libraryFiles, loadLibrary } from "../store/index.js";
import { RESOLVE_ANSWERS_FILE, type ResolvePapersOptions, resolvePapers } from "./index.js";

let api: FakeApiServer;
let root: string;
const searches = () => api.count({ path: "/graph/v1/paper/search" });
const matches = () => api.count({ path: "/graph/v1/paper/search/match" });

describeWithFixtures("jingdu resolve: names to ids", (fixtures) => {
  beforeAll(async () => {
    api = await startFakeApiServer({ fixturesDir: fixtures });
    api.handle({ method: "GET", path: "/graph/v1/paper/search" }, (req) => {
      const q = req.query.get("query") ?? "";
      if (/^VGG\b/.test(q)) return { fixture: "synthetic:s2-paper-search-vgg.SHAPED.json" };
      if (/^MoCov2\b/.test(q)) return { fixture: "synthetic:s2-paper-search-mocov2.SHAPED.json" };
      return { fixture: "semanticscholar/s2-paper-search-no-results.json" };
    });
    // A title S2 does not know: resolve asks arXiv's search, which has it.
    api.handle({ method: "GET", path: "/graph/v1/paper/search/match" }, (req) =>
      /Electron cloud/.test(req.query.get("query") ?? "")
        ? { status: 404, fixture: "semanticscholar/s2-paper-search-match-404-title-not-found.json" }
        : { fixture: "semanticscholar/s2-paper-search-match-attention-is-all-you-need.json" },
    );
    api.handle({ method: "GET", path: "/api/query" }, (req) => ({
      headers: { "content-type": "application/atom+xml" },
      fixture: /Electron/.test(req.query.get("search_query") ?? "")
        ? "arxiv/arxiv-query-search-electron-and-proton-2025-11.xml"
        : "synthetic:arxiv-query-search-no-results.SHAPED.xml",
    }));
    root = await writeTempLibrary(
      libraryFiles(
        makeLibrary({
          papers: [
            makePaper({
              id: "transformer",
              short: "Transformer",
              title: "Attention Is All You Need",
              year: 2017,
            }),
            makePaper({
              id: "vgg",
              short: "VGG",
              year: 2014,
              summary: "使用 3x3 卷积构造更深的网络",
            }),
            makePaper({
              id: "mocov2",
              short: "MoCov2",
              year: 2020,
              summary: "MoCov1 + improvements from SimCLRv1",
            }),
            makePaper({
              id: "resnet",
              short: "ResNet",
              links: [{ url: "https://arxiv.org/pdf/1512.03385.pdf", kind: "pdf" }],
            }),
            makePaper({ id: "nothing", short: "Zzyzx", year: 2030 }),
            makePaper({
              id: "isis",
              short: "ISIS electron cloud",
              title: "Electron cloud observations at the ISIS Proton Synchrotron",
            }),
            makePaper({ id: "known", short: "Known", ids: { doi: "10.1/x" } }),
          ],
        }),
      ),
    );
  });
  afterAll(async () => {
    await api.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("fills full titles and links above the threshold, asks for short names with the right paper among the candidates", async () => {
    const { library } = await loadLibrary(root);
    const r = await resolvePapers({ root, library, sources: makeTestSources(api.url) });
    expect(r.summary).toEqual({ resolved: 3, asked: 2, notFound: 1 });
    const by = new Map(r.outcomes.map((o) => [o.paper, o]));
    // Not on S2, found by arXiv's title search: its arXiv id, named as S2 accepts it.
    const isis = by.get("isis");
    expect(isis).toMatchObject({ kind: "resolved", by: "match" });
    expect(isis?.kind === "resolved" && isis.candidate?.s2Id).toBe("ARXIV:1309.4668");
    expect(
      api.requests.some((q) => /ti:Electron AND ti:cloud/.test(q.query.get("search_query") ?? "")),
    ).toBe(true);
    expect(by.get("transformer")).toMatchObject({ kind: "resolved", by: "match" });
    expect(by.get("resnet")).toMatchObject({ kind: "resolved", by: "link" });
    expect(by.has("known")).toBe(false); // it has ids: not a name-only paper
    const vgg = by.get("vgg");
    expect(vgg?.kind).toBe("asked");
    const titles = vgg?.kind === "asked" ? vgg.candidates.map((c) => c.title) : [];
    expect(titles).toContain("Very Deep Convolutional Networks for Large-Scale Image Recognition");
    const moco = by.get("mocov2");
    expect(moco?.kind === "asked" && moco.candidates.map((c) => c.s2Id)).toContain(
      "a1b8a8df281bbaec148a897927a49ea47ea31515",
    );
    // At most one request per source per paper; none for the one its link names.
    expect(searches() + matches()).toBe(5);
    const after = (await loadLibrary(root)).library.papers;
    const paper = (id: string) => after.find((p) => p.id === id);
    expect(paper("transformer")?.ids.s2).toBe("204e3073870fae3d05bcbc2f6a8e263d9b72e776");
    expect(paper("transformer")?.authors[0]).toBe("Ashish Vaswani");
    expect(paper("resnet")?.ids.arxiv).toBe("1512.03385");
    expect(paper("vgg")?.ids).toEqual({});
    expect(paper("isis")?.ids.arxiv).toBe("1309.4668");
  });

  it("remembers a person's answers: a rerun neither asks again nor searches again", async () => {
    let asked = 0;
    const choose = async (_p: unknown, candidates: { title?: string }[]) => {
      asked++;
      const i = candidates.findIndex((c) => /Very Deep|Improved Baselines/.test(c.title ?? ""));
      return i < 0 ? undefined : i;
    };
    // Each run as `jingdu resolve vgg mocov2` makes it: the library read again, new clients.
    const run = async () =>
      resolvePapers({
        root,
        library: (await loadLibrary(root)).library,
        sources: makeTestSources(api.url),
        papers: ["vgg", "mocov2"],
        choose,
      });
    const first = await run();
    expect(asked).toBe(2);
    expect(first.summary.resolved).toBe(2);
    expect(existsSync(join(root, RESOLVE_ANSWERS_FILE))).toBe(true);
    expect(readFileSync(join(root, "papers/vgg.md"), "utf8")).toContain("1409.1556");
    const before = searches();
    const again = await run();
    expect(asked).toBe(2);
    expect(searches()).toBe(before);
    expect(again.outcomes.every((o) => o.kind === "resolved" && o.by === "answer")).toBe(true);
  });
});

/** A library of name-only papers: `[id, short name, year]` each. */
const shortNameLibrary = (papers: [string, string, number][]) =>
  writeTempLibrary(
    libraryFiles(
      makeLibrary({ papers: papers.map(([id, short, year]) => makePaper({ id, short, year })) }),
    ),
  );

/** What a run over `dir` against `fake` with the person's `choose` throws (or its result). */
const failureOfRun = async (
  dir: string,
  fake: FakeApiServer,
  choose: ResolvePapersOptions["choose"],
): Promise<unknown> =>
  resolvePapers({
    root: dir,
    library: (await loadLibrary(dir)).library,
    sources: makeTestSources(fake.url),
    ...(choose ? { choose } : {}),
  }).catch((e: unknown) => e);

describeWithFixtures("jingdu resolve: the next paper's search while this one is answered", () => {
  let fake: FakeApiServer;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeApiServer();
    fake.handle({ method: "GET", path: "/graph/v1/paper/search" }, (req) => {
      const q = req.query.get("query") ?? "";
      if (/^VGG\b/.test(q)) return { fixture: "synthetic:s2-paper-search-vgg.SHAPED.json" };
      if (/^MoCov2\b/.test(q)) return { fixture: "synthetic:s2-paper-search-mocov2.SHAPED.json" };
      // S2 cannot answer for this one (every retry), and neither can arXiv.
      return { status: 503, body: "busy" };
    });
    fake.handle({ method: "GET", path: "/api/query" }, () => ({ status: 503, body: "busy" }));
    dir = await shortNameLibrary([
      ["a-vgg", "VGG", 2014],
      ["b-moco", "MoCov2", 2020],
      ["c-down", "Downy", 2020],
    ]);
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const searched = (name: string) =>
    fake.requests.some((r) => (r.query.get("query") ?? "").startsWith(name));

  it("searches the next paper while the person reads this one's candidates, and throws a failure at its paper's turn", async () => {
    const seenWhileAsked: Record<string, boolean> = {};
    const choose = async (paper: { id: string }, candidates: { title?: string }[]) => {
      // The next paper's search reaches the server before this answer is given.
      const next = paper.id === "a-vgg" ? "MoCov2" : "Downy";
      for (let i = 0; i < 200 && !searched(next); i++) await new Promise((r) => setTimeout(r, 10));
      seenWhileAsked[paper.id] = searched(next);
      const k = candidates.findIndex((c) => /Very Deep|Improved Baselines/.test(c.title ?? ""));
      return k < 0 ? undefined : k;
    };
    const err = await failureOfRun(dir, fake, choose);
    expect(seenWhileAsked).toEqual({ "a-vgg": true, "b-moco": true });
    // S2 and arXiv both down for the third paper: the run fails there, the two answered before
    // it are filled and remembered, and each paper was searched on S2 once (plus its retries).
    expect((err as Error).message).toMatch(/503/);
    expect(readFileSync(join(dir, "papers/a-vgg.md"), "utf8")).toContain("1409.1556");
    expect(readFileSync(join(dir, "papers/b-moco.md"), "utf8")).toContain("Improved Baselines");
    const answers = readFileSync(join(dir, RESOLVE_ANSWERS_FILE), "utf8").trim().split("\n");
    expect(answers.map((l) => JSON.parse(l).paper)).toEqual(["a-vgg", "b-moco"]);
    const queries = fake.requests
      .filter((r) => r.path === "/graph/v1/paper/search")
      .map((r) => (r.query.get("query") ?? "").split(" ")[0]);
    expect(queries.filter((q) => q !== "Downy")).toEqual(["VGG", "MoCov2"]);
  });
});

describeWithFixtures("jingdu resolve: a run that ends lets its prefetch go", () => {
  let fake: FakeApiServer;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeApiServer();
    fake.handle({ method: "GET", path: "/graph/v1/paper/search" }, (req) =>
      /^VGG\b/.test(req.query.get("query") ?? "")
        ? { fixture: "synthetic:s2-paper-search-vgg.SHAPED.json" }
        : // The next paper's answer never comes: only the client can end that request.
          { hang: true },
    );
    dir = await shortNameLibrary([
      ["a-vgg", "VGG", 2014],
      ["b-slow", "Slowpoke", 2020],
    ]);
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the person quits at a question: the next paper's search is aborted before the run returns", async () => {
    const choose = async () => {
      // The next paper's search is out (prefetched) while the person reads this one's candidates.
      for (let i = 0; i < 200 && fake.count({ path: "/graph/v1/paper/search" }) < 2; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(fake.connections()).toBe(1);
      throw new Error("quit");
    };
    const started = performance.now();
    const err = await failureOfRun(dir, fake, choose);
    expect((err as Error).message).toBe("quit");
    // Well before the client's timeout (2 s) would have ended it: the run ended it itself.
    expect(performance.now() - started).toBeLessThan(1500);
    for (let i = 0; i < 50 && fake.connections() > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(fake.connections()).toBe(0);
  });
});
