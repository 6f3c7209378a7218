/** `jingdu next --papers`: what to read next from the citation graph, with the reasons. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { initialisedLibrary, runCliInProcess } from "../support/run-cli.js";

const RESNET = "2c03df8b48bf3fa39054345bafabfeff15bfd11d";
const VIT = "7b15fa1b8d413fbe14ef7a97f651f47f5aff3903";
const BN = "995c5f5e62614fcb4d2796ad2faab969da51713e";
const at = "2026-12-01T10:00:00.000Z";

function writeGraph(lib: string): void {
  const lines = [
    {
      type: "paper",
      s2: BN,
      title: "Batch Normalization",
      year: 2015,
      ids: { arxiv: "1502.03167" },
    },
    { type: "paper", s2: "f".repeat(40), title: "Network In Network", year: 2013 },
    { type: "lists", s2: RESNET, references: [BN, "f".repeat(40)], citations: [], fetchedAt: at },
    { type: "lists", s2: VIT, references: [BN, RESNET], citations: [], fetchedAt: at },
  ];
  mkdirSync(join(lib, "metadata"), { recursive: true });
  writeFileSync(
    join(lib, "metadata/citation-graph.jsonl"),
    `${lines.map((l) => JSON.stringify(l)).join("\n")}\n{"type":"paper","s2":"torn`,
  );
}

describe("jingdu next --papers", () => {
  it("suggests the paper both papers you read cite, naming them, and skips your own", async () => {
    const lib = await initialisedLibrary(["--template", "limu", "--language", "en"]);
    for (const paper of ["resnet", "vit"]) {
      const read = await runCliInProcess(["read", paper, "--pass", "1"], { cwd: lib });
      expect(read.code, read.stderr).toBe(0);
    }
    writeGraph(lib);
    const run = await runCliInProcess(["next", "--papers", "--json"], { cwd: lib });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as {
      seeds: { paper: string }[];
      suggestions: { s2: string; title: string; citedBy: string[]; reason: string }[];
    };
    expect(out.seeds.map((s) => s.paper).sort()).toEqual(["resnet", "vit"]);
    expect(out.suggestions[0]).toMatchObject({ s2: BN, title: "Batch Normalization" });
    expect(out.suggestions[0]?.reason).toBe("cited by 2 papers you read: ResNet, ViT");
    // ResNet is in the library: never suggested, though ViT cites it.
    expect(out.suggestions.map((s) => s.s2)).not.toContain(RESNET);
    // The torn last line (a killed fetch) is named with its line, the rest still read; doctor
    // names it too.
    expect(run.stderr).toContain("metadata/citation-graph.jsonl:5");
    const doctor = await runCliInProcess(["doctor", "--json"], { cwd: lib });
    const problems = JSON.parse(doctor.stdout).problems as { rule: string; line: number }[];
    expect(problems.filter((p) => p.rule === "citation-graph-line-invalid")).toEqual([
      expect.objectContaining({ file: "metadata/citation-graph.jsonl", line: 5 }),
    ]);
  });

  it("--for seeds one paper, and says how to fetch a graph when there is none", async () => {
    const lib = await initialisedLibrary(["--template", "limu", "--language", "en"]);
    const none = await runCliInProcess(["next", "--papers"], { cwd: lib });
    expect(none.stdout).toContain("jingdu refresh --graph");
    writeGraph(lib);
    const run = await runCliInProcess(["next", "--for", "resnet", "--json"], { cwd: lib });
    const out = JSON.parse(run.stdout) as { suggestions: { s2: string; citedBy: string[] }[] };
    expect(out.suggestions.map((s) => s.s2).sort()).toEqual([BN, "f".repeat(40)].sort());
    expect(out.suggestions.every((s) => s.citedBy.join() === "ResNet")).toBe(true);
    const badLimit = await runCliInProcess(["next", "--papers", "--limit", "abc"], { cwd: lib });
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('--limit "abc"');
    const unknown = await runCliInProcess(["next", "--for", "nope"], { cwd: lib });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("nope");
  });

  it("ranks with stored recommendations (not with --for), and doctor names their bad line", async () => {
    const lib = await initialisedLibrary(["--template", "limu", "--language", "en"]);
    await runCliInProcess(["read", "resnet", "--pass", "1"], { cwd: lib });
    writeGraph(lib);
    const request = {
      type: "request",
      source: "semantic-scholar",
      fetchedAt: at,
      positive: [{ s2: RESNET, paper: "resnet", weight: 2 }],
      negative: [],
      limit: 100,
    };
    const newer = "e".repeat(40);
    writeFileSync(
      join(lib, "metadata/s2-recommendations.jsonl"),
      `${JSON.stringify(request)}\n{"type":"paper","s2":"${newer}","title":"Newer"}\nnot json\n`,
    );
    const run = await runCliInProcess(["next", "--papers", "--json"], { cwd: lib });
    const out = JSON.parse(run.stdout) as { suggestions: { s2: string; reason: string }[] };
    expect(out.suggestions.find((s) => s.s2 === newer)?.reason).toBe(
      "recommended by Semantic Scholar from ResNet (#1)",
    );
    expect(run.stderr).toContain("metadata/s2-recommendations.jsonl:3");
    const one = await runCliInProcess(["next", "--for", "resnet", "--json"], { cwd: lib });
    expect(JSON.parse(one.stdout).suggestions.map((s: { s2: string }) => s.s2)).not.toContain(
      newer,
    );
    const doctor = await runCliInProcess(["doctor", "--json"], { cwd: lib });
    const problems = JSON.parse(doctor.stdout).problems as { rule: string; line: number }[];
    expect(problems.filter((p) => p.rule === "recommendations-line-invalid")).toEqual([
      expect.objectContaining({ file: "metadata/s2-recommendations.jsonl", line: 3 }),
    ]);
  });
});
