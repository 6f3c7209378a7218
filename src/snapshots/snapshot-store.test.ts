import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  readJsonl,
  SNAPSHOT_CSP,
  STATIC_SNAPSHOT_CSP,
  snapshotResponseHeaders,
  withStaticSnapshotCsp,
  writeJsonl,
} from "./snapshot-store.js";

const META = `<meta http-equiv="Content-Security-Policy" content="${STATIC_SNAPSHOT_CSP}">`;

describe("the policies archived copies are served with", () => {
  it("puts the static copy's policy first in the head, or before the content without one", () => {
    expect(withStaticSnapshotCsp('<!doctype html><html><head lang="x"><title>t</title>')).toBe(
      `<!doctype html><html><head lang="x">${META}<title>t</title>`,
    );
    expect(withStaticSnapshotCsp("<!DOCTYPE html><p>x</p>")).toBe(`<!DOCTYPE html>${META}<p>x</p>`);
    expect(withStaticSnapshotCsp("<p>x</p>")).toBe(`${META}<p>x</p>`);
    expect(STATIC_SNAPSHOT_CSP).toContain("script-src 'none'");
  });

  it("sandboxes pages and lets their own images load from the opaque origin", () => {
    const page = snapshotResponseHeaders("ab/ab12.html");
    expect(page["content-security-policy"]).toBe(SNAPSHOT_CSP);
    expect(page["content-security-policy"]).toMatch(/^sandbox;/);
    expect(page["cross-origin-resource-policy"]).toBe("same-origin");
    const image = snapshotResponseHeaders("cd/cd34.png");
    expect(image["content-type"]).toBe("image/png");
    expect(image["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(snapshotResponseHeaders("ef/ef56.pdf")["content-security-policy"]).not.toContain(
      "sandbox",
    );
  });
});

describe("JSON Lines indexes (snapshots/index.jsonl, link health)", () => {
  interface Row {
    url: string;
    n: number;
  }
  it("a run's write keeps the URLs another run wrote after it read the file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jingdu-jsonl-"));
    try {
      const path = join(dir, "index.jsonl");
      await writeJsonl<Row>(
        path,
        [
          { url: "https://a/", n: 1 },
          { url: "https://b/", n: 1 },
        ],
        ["url", "n"],
      );
      const first = await readJsonl<Row>(path);
      const second = await readJsonl<Row>(path);
      second.set("https://b/", { url: "https://b/", n: 2 });
      second.set("https://c/", { url: "https://c/", n: 2 });
      await writeJsonl(path, second.values(), ["url", "n"]);
      first.set("https://a/", { url: "https://a/", n: 3 });
      await writeJsonl(path, first.values(), ["url", "n"]);
      const rows = await readJsonl<Row>(path);
      expect([...rows.values()].map((r) => `${r.url} ${r.n}`)).toEqual([
        "https://a/ 3",
        "https://b/ 2",
        "https://c/ 2",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
