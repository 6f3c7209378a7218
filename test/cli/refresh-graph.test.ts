/**
 * `jingdu refresh --graph` then `jingdu next --papers`, against the fake Semantic Scholar
 * answering the ResNet + ViT graph batch (test/fixtures/sources/s2-batch-graph-resnet-vit.SHAPED.json,
 * shaped like the recorded nested answer of ../shared/fixtures/semanticscholar/wave2).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithFixtures, type FakeApi, startFakeApi } from "../support/fake-api.js";
import { GRAPH_BATCH, serveGraphFromFile } from "../support/fake-graph.js";
import { initialisedLibrary } from "../support/run-cli.js";

const BN = "995c5f5e62614fcb4d2796ad2faab969da51713e";
const RESNET = "2c03df8b48bf3fa39054345bafabfeff15bfd11d";

describeWithFixtures("jingdu refresh --graph", () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeApi();
    serveGraphFromFile(api);
  });
  afterAll(() => api.close());

  it("fetches the graph, next --papers suggests what two papers you read cite, then asks nothing", async () => {
    const lib = await initialisedLibrary(["--template", "limu", "--language", "en"]);
    for (const paper of ["resnet", "vit"]) {
      const read = await api.jingdu(["read", paper, "--pass", "1"], { cwd: lib });
      expect(read.code, read.stderr).toBe(0);
    }
    // The graph's own requests only: S2's recommendations have their own test (this fake has
    // no recommendations answer), refresh-recommendations.test.ts.
    const run = await api.jingdu(["refresh", "--graph", "--no-recommendations"], {
      cwd: lib,
      env: { S2_API_KEY: "my-key" },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    // Through the polite S2 client: the key in its header on every request.
    expect(api.requests.every((r) => r.headers["x-api-key"] === "my-key")).toBe(true);
    // 90 papers with no known counts: 9 per batch under 9,999 nested entries.
    expect(run.stdout).toContain("citation graph: 2 papers fetched, 12 edges added");
    expect(run.stdout).toContain("88 not found");
    expect(run.stdout).toContain("10 requests (planned 10; the caps allow no fewer than 10)");
    expect(api.count(GRAPH_BATCH)).toBe(10);

    const next = await api.jingdu(["next", "--papers", "--json"], { cwd: lib });
    expect(next.code, next.stderr).toBe(0);
    const out = JSON.parse(next.stdout) as {
      suggestions: { s2: string; title: string; reason: string }[];
    };
    expect(out.suggestions[0]).toMatchObject({
      s2: BN,
      title:
        "Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift",
    });
    expect(out.suggestions[0]?.reason).toContain("cited by 2 papers you read: ResNet, ViT");
    // Library papers (ResNet, cited by ViT; Swin, citing both) are never suggested.
    expect(out.suggestions.map((s) => s.s2)).not.toContain(RESNET);
    expect(out.suggestions.map((s) => s.title).join()).not.toContain("Swin");

    // Within graphMaxAge: no request at all, and it says so.
    const again = await api.jingdu(["refresh", "--graph", "--no-recommendations", "--json"], {
      cwd: lib,
    });
    expect(again.code, again.stderr).toBe(0);
    expect(api.count(GRAPH_BATCH)).toBe(10);
    const result = JSON.parse(again.stdout) as { requests: number; outcome: string };
    expect(result).toMatchObject({ requests: 0, outcome: "nothing-to-do" });

    // Dismissed (by the arXiv id the text output shows): never suggested again, until undone.
    const text = await api.jingdu(["next", "--papers"], { cwd: lib });
    expect(text.stdout).toContain("[arXiv:1502.03167]");
    const dismiss = await api.jingdu(["next", "--papers", "--dismiss", "arXiv:1502.03167"], {
      cwd: lib,
    });
    expect(dismiss.code, dismiss.stderr).toBe(0);
    expect(dismiss.stdout).toContain("dismissed: Batch Normalization");
    const file = readFileSync(join(lib, "dismissed-papers.txt"), "utf8");
    expect(file).toContain(`${BN}  Batch Normalization`);
    const after = await api.jingdu(["next", "--papers", "--json"], { cwd: lib });
    const suggested = (JSON.parse(after.stdout) as { suggestions: { s2: string }[] }).suggestions;
    expect(suggested.map((s) => s.s2)).not.toContain(BN);
    expect(suggested.length).toBeGreaterThan(0);
    const undo = await api.jingdu(["next", "--papers", "--undismiss", BN], { cwd: lib });
    expect(undo.stdout).toContain("undismissed: Batch Normalization");
    const back = await api.jingdu(["next", "--papers", "--json"], { cwd: lib });
    expect(JSON.parse(back.stdout).suggestions[0].s2).toBe(BN);
    const unknown = await api.jingdu(["next", "--papers", "--dismiss", "arXiv:9999.99999"], {
      cwd: lib,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("arXiv:9999.99999");
  });
});
