import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const MODULE = fileURLToPath(new URL("./heap-growth.ts", import.meta.url));

/** Runs a fresh Node process that allocates like a server under load; returns its young generation's size in MB. */
function youngGenerationAfterLoad(limit: boolean): number {
  const script = `
    import v8 from "node:v8";
    import { limitHeapGrowth } from ${JSON.stringify(MODULE)};
    if (${limit}) limitHeapGrowth();
    const kept = [];
    for (let i = 0; i < 2e6; i++) { const o = { i, list: [i] }; if (i % 10 === 0) kept.push(o); }
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    console.log(young.space_size / 1048576);
  `;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

describe("limitHeapGrowth", () => {
  // The flags are set after V8 started (the CLI cannot pass them): a Node whose V8 ignores them
  // then would silently keep the server at 2 × 16 MB of young generation (~35 MB more RSS).
  it("keeps the young generation at its initial size, which it otherwise outgrows", () => {
    expect(youngGenerationAfterLoad(false)).toBeGreaterThanOrEqual(16);
    expect(youngGenerationAfterLoad(true)).toBeLessThanOrEqual(4);
  });
});
