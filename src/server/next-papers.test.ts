/**
 * The Next page through `app.request()` on the demo library (zh): without a graph it says how to
 * fetch one; with a graph written as `refresh --graph` keeps it, `?for=resnet` lists ResNet's
 * references with the reason, the graph view and an add button (disabled: no sources here), and
 * names a suggestion the catalog has without ids; the graph is read again once the file changed
 * (kept between requests while it is the same: citation-graph-index.test.ts); an unknown paper
 * is 404 `unknown-paper`.
 */
import { mkdirSync, renameSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDemoApp, openDemoApp, TEST_HOST } from "../../test/support/demo-app.js";
import { runCliInProcess } from "../../test/support/run-cli.js";
import { emptyCitationGraph, serializeCitationGraph } from "../core/index.js";
import type { LibraryHost } from "./library-host.js";

const RESNET = "2c03df8b48bf3fa39054345bafabfeff15bfd11d";
const BN = "995c5f5e62614fcb4d2796ad2faab969da51713e";
const LN = "97fb4e3d45bb098e27e0071448b6152217bd35a5";

let root: string;
let library: LibraryHost;
let app: Hono;

beforeAll(async () => {
  ({ root, library, app } = await openDemoApp("jingdu-next-"));
});
afterAll(() => closeDemoApp({ root, library }));

const get = (path: string) => app.request(path, { headers: { host: TEST_HOST } });

describe("the Next page (app.request)", () => {
  it("shows the course to go on with, and how to fetch the graph while there is none", async () => {
    const done = await runCliInProcess(["done", "limu/1"], { cwd: root });
    expect(done.code, done.stderr).toBe(0);
    await library.reload();
    const r = await get("/_/next");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-security-policy")).toContain("script-src 'self'");
    const page = await r.text();
    expect(page).toContain("<h1>下一步读什么</h1>");
    expect(page).toContain("jingdu refresh --graph");
    expect(page).not.toContain("<svg");
    // As on home: the course's next episode after the one watched.
    expect(page).toMatch(/<h2 id="next-episodes">接着看<\/h2>[\s\S]*href="\/courses\/limu\/2\/"/);
  });

  it("lists one paper's references with reasons, the graph and the add buttons", async () => {
    // A paper of the catalog without ids yet, which the graph knows by its title.
    writeFileSync(
      join(root, "papers/layer-norm.md"),
      "---\nshort: LayerNorm\ntitle: Layer Normalization\n---\n",
    );
    const g = emptyCitationGraph();
    g.papers.set(BN, {
      s2: BN,
      title: "Batch Normalization",
      year: 2015,
      ids: { arxiv: "1502.03167" },
    });
    g.papers.set(LN, { s2: LN, title: "Layer Normalization", year: 2016 });
    g.references.set(RESNET, [BN, LN]);
    g.citations.set(RESNET, []);
    g.fetched.set(RESNET, { fetchedAt: "2026-12-01T10:00:00.000Z" });
    mkdirSync(join(root, "metadata"), { recursive: true });
    writeFileSync(join(root, "metadata/citation-graph.jsonl"), serializeCitationGraph(g));
    await library.reload();
    const r = await get("/_/next?for=resnet");
    expect(r.status).toBe(200);
    const page = await r.text();
    expect(page).toContain("<h1>ResNet 的引用关系</h1>");
    expect(page).toContain("被你读过的 1 篇论文引用：ResNet");
    expect(page).toMatch(
      /<button type="button" data-add-suggestion="arXiv:1502\.03167" data-added="已加入论文库" disabled>加入论文库<\/button>/,
    );
    // Without an S2 id or arXiv id, the S2 id is what the add resolves.
    expect(page).toContain(`data-add-suggestion="${LN}"`);
    expect(page).toMatch(/已在你的目录中[^<]*<a href="\/papers\/layer-norm\/">LayerNorm<\/a>/);
    const svg = /<svg[\s\S]*?<\/svg>/.exec(page)?.[0] ?? "";
    expect([...svg.matchAll(/data-s2="(\w+)"/g)].map((m) => m[1]).sort()).toEqual(
      [BN, LN, RESNET].sort(),
    );
    expect(svg).toContain('<title id="next-graph-title">引用关系图</title>');
  });

  it("reads the graph again once it changed, in place or by a refresh", async () => {
    const file = join(root, "metadata/citation-graph.jsonl");
    // A whole second, so setting it again below gives the very same time.
    const when = new Date("2026-12-04T09:00:00Z");
    utimesSync(file, when, when);
    expect(await (await get("/_/next?for=resnet")).text()).toContain("Batch Normalization");
    // Blanked in place by another program, size and modification time put back: the page's kept
    // graph is not the file's any more (its change time is new), and the page shows none.
    const before = statSync(file);
    writeFileSync(file, " ".repeat(before.size));
    utimesSync(file, when, when);
    const blank = await (await get("/_/next?for=resnet")).text();
    expect(blank).not.toContain("Batch Normalization");
    expect(blank).toContain("jingdu refresh --graph");
    // A refresh writes the file anew (temp file renamed over it) with one more reference.
    const DROPOUT = "34f25a8704614163c4095b3ee2fc969b60de4698";
    const g = emptyCitationGraph();
    g.papers.set(BN, { s2: BN, title: "Batch Normalization", year: 2015 });
    g.papers.set(DROPOUT, { s2: DROPOUT, title: "Dropout: A Simple Way", year: 2014 });
    g.references.set(RESNET, [BN, DROPOUT]);
    g.citations.set(RESNET, []);
    g.fetched.set(RESNET, { fetchedAt: "2026-12-04T10:00:00.000Z" });
    writeFileSync(`${file}.tmp`, serializeCitationGraph(g));
    renameSync(`${file}.tmp`, file);
    const fresh = await (await get("/_/next?for=resnet")).text();
    expect(fresh).toContain("Dropout: A Simple Way");
    expect(fresh).toContain(`data-s2="${DROPOUT}"`);
  });

  it("answers an unknown paper with 404 unknown-paper", async () => {
    const r = await get("/_/next?for=no-such-paper");
    expect(r.status).toBe(404);
    expect(((await r.json()) as { code: string }).code).toBe("unknown-paper");
  });
});
