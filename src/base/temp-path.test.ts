import { basename, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { tempPathFor } from "./atomic-write.js";

describe("tempPathFor", () => {
  it("gives each temp file of a process its own name, beside its target, as the sweep names them", () => {
    const names = Array.from({ length: 10_000 }, () => tempPathFor("/lib/papers/resnet.md"));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names.slice(0, 100)) {
      expect(dirname(name)).toBe("/lib/papers");
      // store/stale-files.ts's pattern, with this process's pid.
      const m = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(basename(name));
      expect(m?.[1]).toBe(String(process.pid));
      expect(basename(name).startsWith(".resnet.md.")).toBe(true);
    }
  });
});
