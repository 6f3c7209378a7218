/**
 * One paper, one file: `add` on the built-in demo library fills the entry it already has. Needs
 * ../shared/fixtures (the recorded S2 and bilibili answers); skipped, saying so, without it.
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { demoLibrary } from "../../test/support/demo-library.js";
import {
  describeWithFixtures,
  type FakeApiServer,
  startFakeApiServer,
} from "../../test/support/fake-api-server.js";
import { makeTestSources } from "../../test/support/test-sources.js";
import { findSamePaper } from "../core/index.js";
import { loadLibrary } from "../store/index.js";
import { addCourse, addPaper } from "./index.js";

let root: string;
let api: FakeApiServer;
const load = async () => (await loadLibrary(root)).library;
const papers = () => readdirSync(join(root, "papers")).sort();
const read = (file: string) => readFileSync(join(root, file), "utf8");

describeWithFixtures("add finds the paper or course the library already has", (fixtures) => {
  beforeAll(async () => {
    api = await startFakeApiServer({ fixturesDir: fixtures });
    api.handle({ method: "GET", path: "/graph/v1/paper/ARXIV:1512.03385" }, () => ({
      fixture: "synthetic:s2-paper-arxiv-resnet.SHAPED.json",
    }));
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    if (root) rmSync(dirname(root), { recursive: true, force: true });
    root = await demoLibrary("jingdu-dedupe-");
  });
  afterAll(() => rmSync(dirname(root), { recursive: true, force: true }));

  it("arXiv:1512.03385 (with a version too) fills resnet.md and creates no file", async () => {
    const before = papers();
    const r = await addPaper({
      root,
      sources: makeTestSources(api.url),
      library: await load(),
      input: "arXiv:1512.03385v2",
    });
    expect(r.added).toBe(false);
    expect(r.uncertain).toBe(false);
    expect(r.existing).toEqual({ id: "resnet", file: "papers/resnet.md", by: "arxiv" });
    expect(r.filled).toEqual(expect.arrayContaining(["title", "venue", "authors", "ids.doi"]));
    expect(papers()).toEqual(before);
    const text = read("papers/resnet.md");
    expect(text).toContain("title: Deep Residual Learning for Image Recognition");
    expect(text).toContain("short: ResNet");
    // What the person (here: the template) wrote stays: its summary and year.
    expect(text).toContain("summary: 构建深层网络都要有的残差连接。");
    const resnet = (await load()).papers.find((p) => p.id === "resnet");
    expect(resnet?.ids).toMatchObject({ arxiv: "1512.03385", doi: "10.1109/cvpr.2016.90" });
    expect(resnet?.authors[0]).toBe("Kaiming He");
    // The fetched values are kept under the existing entry's key.
    expect(read("metadata/semantic-scholar.jsonl")).toContain('"key":"paper:resnet"');
  });

  it('"Attention Is All You Need" fills transformer.md and keeps its notes', async () => {
    const notesBefore = read("papers/transformer.md").split("---\n").at(-1);
    const before = papers();
    const r = await addPaper({
      root,
      sources: makeTestSources(api.url),
      library: await load(),
      input: '"Attention Is All You Need"',
    });
    expect(r.existing).toMatchObject({ file: "papers/transformer.md", by: "arxiv" });
    expect(r.notices[0]).toContain("already in the library as papers/transformer.md");
    expect(papers()).toEqual(before);
    const text = read("papers/transformer.md");
    expect(text).toContain("title: Attention is All you Need");
    expect(text.split("---\n").at(-1)).toBe(notesBefore);
  });

  it("the same DOI twice makes one file; --new forces a second one", async () => {
    const input = "DOI:10.1038/s42256-024-00832-8";
    const first = await addPaper({
      root,
      sources: makeTestSources(api.url),
      library: await load(),
      input,
    });
    expect(first.added).toBe(true);
    const after = papers();
    const second = await addPaper({
      root,
      sources: makeTestSources(api.url),
      library: await load(),
      input: "https://doi.org/10.1038/s42256-024-00832-8",
    });
    expect(second.added).toBe(false);
    expect(second.existing).toMatchObject({ file: first.file, by: "doi" });
    expect(second.filled).toEqual([]);
    expect(papers()).toEqual(after);
    const forced = await addPaper({
      root,
      sources: makeTestSources(api.url),
      library: await load(),
      input,
      forceNew: true,
    });
    expect(forced.added).toBe(true);
    expect(forced.file).not.toBe(first.file);
    expect(papers()).toHaveLength(after.length + 1);
  });

  it("add course: a video the library has (as a course or an episode) is not added twice", async () => {
    const requests = api.requests.length;
    const episode = await addCourse({
      root,
      sources: makeTestSources(api.url),
      library: await load(),
      input: "https://www.bilibili.com/video/BV1pu411o7BE/",
    });
    expect(episode.existing).toEqual({ id: "limu", file: "courses/limu/course.md", by: "bvid" });
    expect(episode.files).toEqual([]);
    // Known from the library alone: no request was sent.
    expect(api.requests.length).toBe(requests);
    const first = await addCourse({
      root,
      sources: makeTestSources(api.url),
      library: await load(),
      input: "bilibili:BV1wE4m1R7cu",
    });
    expect(first.existing).toBeUndefined();
    const courses = readdirSync(join(root, "courses")).sort();
    const again = await addCourse({
      root,
      sources: makeTestSources(api.url),
      library: await load(),
      input: "bilibili:BV1wE4m1R7cu",
    });
    expect(again.existing?.id).toBe(first.course.id);
    expect(readdirSync(join(root, "courses")).sort()).toEqual(courses);
  });
});

it("findSamePaper knows a paper by any id, by a normalized title and by its short name", () => {
  const lib = [
    { id: "resnet", short: "ResNet", ids: { arxiv: "1512.03385" } },
    { id: "t", short: "Transformer", title: "Attention Is All You Need", ids: { s2: "ABC" } },
    { id: "mocov2", short: "MoCov2", ids: { corpusId: 212633993 } },
  ];
  expect(findSamePaper(lib, { ids: { arxiv: "arXiv:1512.03385v3" } })).toMatchObject({
    paper: { id: "resnet" },
    by: "arxiv",
  });
  expect(findSamePaper(lib, { ids: { s2: "abc" } })?.by).toBe("s2");
  expect(findSamePaper(lib, { ids: { corpusId: 212633993 } })?.paper.id).toBe("mocov2");
  expect(findSamePaper(lib, { title: "attention is all you need!" })?.by).toBe("title");
  expect(findSamePaper(lib, { title: "mocov2" })).toMatchObject({
    paper: { id: "mocov2" },
    by: "short",
  });
  expect(
    findSamePaper(lib, { ids: { arxiv: "1706.03762" }, title: "Something else" }),
  ).toBeUndefined();
});
