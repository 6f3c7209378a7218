/**
 * The web resolve page's pick (issue 17): it fills the candidate the person picked, even when
 * the search has moved on since the page showed it (the response cache expired and S2 now
 * ranks another paper first, above the threshold). Against the fake S2 on 127.0.0.1, with
 * answers shaped like the recorded search (test/fixtures/sources/*.SHAPED.json).
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import {
  type FakeApiServer,
  SYNTHETIC_FIXTURES,
  startFakeApiServer,
} from "../../test/support/fake-api-server.js";
import { makeTestSources } from "../../test/support/test-sources.js";
import { makeLibrary, makePaper } from "../core/make-items.js";
import { libraryFiles, loadLibrary } from "../store/index.js";
import { chooseResolveCandidate, RESOLVE_ANSWERS_FILE } from "./index.js";

const element = JSON.parse(
  readFileSync(join(SYNTHETIC_FIXTURES, "s2-paper-search-vgg.SHAPED.json"), "utf8"),
).data[0] as Record<string, unknown>;
const s2Paper = (n: number, title: string) => ({
  ...element,
  paperId: String(n).padStart(40, "c"),
  title,
  year: 2014,
  externalIds: { CorpusId: 5000 + n, ArXiv: `1409.${String(1000 + n)}` },
});
const PICKED = s2Paper(1, "Very Deep Convolutional Networks for Large-Scale Image Recognition");
const OTHER = s2Paper(2, "VGG");

let api: FakeApiServer;
let root: string;
/** What the search answers now: the page's candidates first, then (cache expired) others. */
let searchAnswer: Record<string, unknown>[] = [];

describe("a pick on the resolve page", () => {
  beforeAll(async () => {
    api = await startFakeApiServer();
    api.handle({ method: "GET", path: "/graph/v1/paper/search" }, () => ({
      status: 200,
      body: JSON.stringify({ total: searchAnswer.length, offset: 0, data: searchAnswer }),
    }));
    api.handle({ method: "GET", path: /^\/graph\/v1\/paper\/c+1$/ }, () => ({
      status: 200,
      body: JSON.stringify(PICKED),
    }));
    root = await writeTempLibrary(
      libraryFiles(
        makeLibrary({
          papers: ["vgg", "vgg-2", "vgg-3"].map((id) =>
            makePaper({ id, short: "VGG", year: 2014 }),
          ),
        }),
      ),
    );
  });
  afterAll(async () => {
    await api.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("fills the picked candidate, though S2 now ranks another above the threshold", async () => {
    // No response cache: every search is asked again, as after the cache's week.
    searchAnswer = [OTHER];
    const outcome = await chooseResolveCandidate({
      root,
      library: (await loadLibrary(root)).library,
      sources: makeTestSources(api.url),
      paper: "vgg",
      s2Id: PICKED.paperId,
    });
    expect(outcome).toMatchObject({ kind: "resolved", by: "answer" });
    const vgg = (await loadLibrary(root)).library.papers.find((p) => p.id === "vgg");
    expect(vgg?.ids.s2).toBe(PICKED.paperId);
    expect(vgg?.ids.arxiv).toBe("1409.1001");
    expect(vgg?.title).toBe(PICKED.title);
    // Remembered as the person's answer, so a rerun of resolve fills the same paper.
    const answers = readFileSync(join(root, RESOLVE_ANSWERS_FILE), "utf8").trim().split("\n");
    expect(JSON.parse(answers.at(-1) ?? "{}")).toMatchObject({ paper: "vgg", s2: PICKED.paperId });
  });

  it("takes the pick from the search when it is still there (no lookup by id)", async () => {
    searchAnswer = [OTHER, PICKED];
    const before = api.requests.length;
    await chooseResolveCandidate({
      root,
      library: (await loadLibrary(root)).library,
      sources: makeTestSources(api.url),
      paper: "vgg-2",
      s2Id: PICKED.paperId,
    });
    const paths = api.requests.slice(before).map((r) => r.path);
    expect(paths).toEqual(["/graph/v1/paper/search"]);
  });

  it("refuses a candidate S2 does not know, writing nothing", async () => {
    searchAnswer = [OTHER];
    const file = readFileSync(join(root, "papers/vgg-3.md"), "utf8");
    await expect(
      chooseResolveCandidate({
        root,
        library: (await loadLibrary(root)).library,
        sources: makeTestSources(api.url),
        paper: "vgg-3",
        s2Id: "d".repeat(40),
      }),
    ).rejects.toMatchObject({ code: "candidate-unknown" });
    expect(readFileSync(join(root, "papers/vgg-3.md"), "utf8")).toBe(file);
  });
});
