import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RenderResult } from "../render/index.js";
import { openRenderCache } from "./render-cache.js";

const temps: string[] = [];
const cacheFile = () => {
  const dir = mkdtempSync(join(tmpdir(), "jingdu-render-cache-"));
  temps.push(dir);
  return join(dir, ".jingdu", "render-cache.bin");
};
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const note = (n: number): RenderResult => ({
  html: `<p>第 ${n} 篇 <span class="katex">x^${n}</span></p>`,
  toc: [{ level: 2, id: `h-${n}`, text: `Heading ${n}` }],
  diagnostics: [
    {
      level: "warning",
      rule: "math-invalid",
      message: `bad ${n}`,
      file: `papers/p${n}.md`,
      line: n,
    },
  ],
  hasMath: true,
  hasMermaid: n % 2 === 0,
  links: [`https://example.org/${n}`],
});
const remember = (result: RenderResult) => ({
  lookups: [["item", "resnet", '{"href":"/papers/resnet/","title":"ResNet"}'] as const].map(
    (l) => [...l] as ["item", string, string],
  ),
  result: () => result,
});

describe("the render cache file", () => {
  it("gives back every note saved, with its lookups, in a new process's reading", () => {
    const file = cacheFile();
    const first = openRenderCache(file, "v1");
    for (let n = 0; n < 5; n++) first.set(`note ${n}`, remember(note(n)));
    first.save();
    const second = openRenderCache(file, "v1");
    for (let n = 0; n < 5; n++) {
      const known = second.get(`note ${n}`);
      expect(known?.lookups).toEqual([
        ["item", "resnet", '{"href":"/papers/resnet/","title":"ResNet"}'],
      ]);
      expect(known?.result()).toEqual(note(n));
    }
    expect(second.get("note 5")).toBeUndefined();
    expect(second.stats()).toMatchObject({ hits: 5, added: 0, entries: 5 });
  });

  it("appends a build's new notes, and a later note of a key replaces the earlier", () => {
    const file = cacheFile();
    const first = openRenderCache(file, "v1");
    first.set("a", remember(note(1)));
    first.save();
    const before = readFileSync(file);
    const size = before.length;
    const second = openRenderCache(file, "v1");
    second.set("a", remember(note(2)));
    second.set("b", remember(note(3)));
    second.save();
    // Appended: the first record is still there, byte for byte.
    expect(readFileSync(file).subarray(0, size)).toEqual(before);
    expect(statSync(file).size).toBeGreaterThan(size);
    const third = openRenderCache(file, "v1");
    expect(third.get("a")?.result().html).toBe(note(2).html);
    expect(third.get("b")?.result().html).toBe(note(3).html);
  });

  it("ignores another renderer version's file and replaces it on save", () => {
    const file = cacheFile();
    const old = openRenderCache(file, "v1");
    old.set("a", remember(note(1)));
    old.save();
    const next = openRenderCache(file, "v2");
    expect(next.get("a")).toBeUndefined();
    next.set("b", remember(note(2)));
    next.save();
    expect(readFileSync(file, "utf8")).toMatch(/^jingdu render cache 1 v2 \d+:\d+:\d+\n/);
    expect(openRenderCache(file, "v2").get("b")?.result()).toEqual(note(2));
    expect(openRenderCache(file, "v1").get("a")).toBeUndefined();
  });

  it("keeps the records before one cut short by a killed build, and writes the file whole again", () => {
    const file = cacheFile();
    const cache = openRenderCache(file, "v1");
    cache.set("a", remember(note(1)));
    cache.save();
    const whole = statSync(file).size;
    cache.set("b", remember(note(2)));
    cache.save();
    truncateSync(file, statSync(file).size - 3);
    const reopened = openRenderCache(file, "v1");
    expect(reopened.get("a")?.result()).toEqual(note(1));
    expect(reopened.get("b")).toBeUndefined();
    reopened.set("c", remember(note(3)));
    reopened.save();
    const last = openRenderCache(file, "v1");
    expect(last.get("a")?.result()).toEqual(note(1));
    expect(last.get("c")?.result()).toEqual(note(3));
    expect(statSync(file).size).toBeGreaterThan(whole);
  });

  it("does not reuse a note whose bytes were damaged on disk", () => {
    const file = cacheFile();
    const cache = openRenderCache(file, "v1");
    cache.set("a", remember(note(1)));
    cache.save();
    const bytes = readFileSync(file);
    const at = bytes.indexOf("第");
    bytes[at + 6] = "X".charCodeAt(0);
    writeFileSync(file, bytes);
    expect(openRenderCache(file, "v1").get("a")).toBeUndefined();
  });

  it("reads a file of garbage as empty, without throwing", () => {
    const file = cacheFile();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, "jingdu render cache 1 v1\n\u00ff\u00ff\u00ff\u00ffnot a record");
    expect(openRenderCache(file, "v1").get("a")).toBeUndefined();
    const real = openRenderCache(file, "v1");
    real.set("b", remember(note(2)));
    real.save();
    const header = readFileSync(file, "utf8").split("\n")[0];
    writeFileSync(file, `${header}\n\u00ff\u00ff\u00ff\u00ffnot a record`);
    const cache = openRenderCache(file, "v1");
    expect(cache.get("a")).toBeUndefined();
    cache.set("a", remember(note(1)));
    cache.save();
    expect(openRenderCache(file, "v1").get("a")?.result()).toEqual(note(1));
  });

  it("is not read where it was not written: a copy in another library's .jingdu/ is ignored", () => {
    const file = cacheFile();
    const cache = openRenderCache(file, "v1");
    cache.set("a", remember({ ...note(1), html: "<p>trusted</p>" }));
    cache.save();
    expect(openRenderCache(file, "v1").get("a")).toBeDefined();
    // As if committed with a library and cloned: same bytes, another folder.
    const elsewhere = cacheFile();
    mkdirSync(dirname(elsewhere), { recursive: true });
    writeFileSync(elsewhere, readFileSync(file));
    expect(openRenderCache(elsewhere, "v1").get("a")).toBeUndefined();
  });

  it("cannot be written where a file is in the way, and that costs nothing but speed", () => {
    const file = cacheFile();
    mkdirSync(dirname(dirname(file)), { recursive: true });
    writeFileSync(dirname(file), "a file where the folder would be");
    const cache = openRenderCache(file, "v1");
    cache.set("a", remember(note(1)));
    expect(() => cache.save()).not.toThrow();
    expect(cache.get("a")?.result()).toEqual(note(1));
  });

  it("is not read, nor written, by a build that asks it nothing", () => {
    const file = cacheFile();
    const first = openRenderCache(file, "v1");
    first.set("a", remember(note(1)));
    first.save();
    writeFileSync(file, "not a render cache");
    const idle = openRenderCache(file, "v1");
    idle.save({ prune: true });
    expect(idle.stats()).toEqual({ hits: 0, added: 0, entries: 0 });
    expect(readFileSync(file, "utf8")).toBe("not a render cache");
  });

  it("drops notes a whole build did not use once most of the file is outdated", () => {
    const file = cacheFile();
    const first = openRenderCache(file, "v1");
    for (let n = 0; n < 200; n++) first.set(`old ${n}`, remember(note(n)));
    first.save();
    const big = statSync(file).size;
    const second = openRenderCache(file, "v1");
    second.set("new", remember(note(1)));
    second.save({ prune: true });
    expect(statSync(file).size).toBeLessThan(big / 10);
    const third = openRenderCache(file, "v1");
    expect(third.get("old 0")).toBeUndefined();
    expect(third.get("new")?.result()).toEqual(note(1));
  });
});
