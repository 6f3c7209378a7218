import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type FetchedRecord,
  metadataPath,
  readFetchedMetadata,
  saveFetched,
  writeFetchedMetadata,
} from "./fetched-metadata.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const record = (key: string, citations: number): FetchedRecord => ({
  key,
  source: "semantic-scholar",
  query: key,
  fetchedAt: "2026-03-01T10:00:00.000Z",
  status: "ok",
  values: { citationCount: citations },
  history: {},
});
const fetched = (key: string, citations: number) => ({
  key,
  source: "s2" as const,
  query: key,
  fetchedAt: "2026-03-02T10:00:00.000Z",
  values: { citationCount: citations },
});
const citations = async (root: string) => {
  const { records } = await readFetchedMetadata(root, "s2");
  return Object.fromEntries([...records].map(([k, r]) => [k, r.values.citationCount]));
};

describe("metadata/*.jsonl writes", () => {
  it("a long run's write keeps what another command saved meanwhile", async () => {
    const root = await mkdtemp(join(tmpdir(), "jingdu-meta-"));
    dirs.push(root);
    await saveFetched(root, [fetched("paper:a", 1), fetched("paper:b", 1)]);
    // A refresh reads the whole file and holds it in memory...
    const { records } = await readFetchedMetadata(root, "s2");
    // ...while `jingdu add paper` adds one paper and updates another...
    await saveFetched(root, [fetched("paper:c", 3), fetched("paper:b", 2)]);
    // ...and the refresh then writes its own change of paper:a.
    records.set("paper:a", record("paper:a", 10));
    await writeFetchedMetadata(root, "s2", records);
    expect(await citations(root)).toEqual({ "paper:a": 10, "paper:b": 2, "paper:c": 3 });

    // Its next write (nothing new of its own) does not undo a change made after its first one.
    await saveFetched(root, [fetched("paper:a", 11)]);
    await writeFetchedMetadata(root, "s2", records);
    expect(await citations(root)).toEqual({ "paper:a": 11, "paper:b": 2, "paper:c": 3 });
  });

  it("concurrent saves of different papers all land", async () => {
    const root = await mkdtemp(join(tmpdir(), "jingdu-meta-"));
    dirs.push(root);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => saveFetched(root, [fetched(`paper:p${i}`, i)])),
    );
    expect(Object.keys(await citations(root))).toHaveLength(20);
    expect((await readFile(metadataPath(root, "s2"), "utf8")).split("\n")).toHaveLength(21);
  });
});
