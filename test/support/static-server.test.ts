import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get, type IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { startStaticServer } from "./static-server.js";

const root = mkdtempSync(join(tmpdir(), "jingdu-static-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** One GET with these headers: status, headers and the raw (still encoded) body. */
function fetchRaw(url: string, headers: Record<string, string>) {
  return new Promise<{ res: IncomingMessage; body: Buffer }>((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ res, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

describe("the static server of browser tests and benches", () => {
  it("gzips text and JSON as static hosts do, only when asked and accepted", async () => {
    const json = JSON.stringify({ ids: Array.from({ length: 500 }, (_, i) => i) });
    writeFileSync(join(root, "f.json"), json);
    writeFileSync(join(root, "a.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const gzip = await startStaticServer(root, { gzip: true });
    const plain = await startStaticServer(root);
    try {
      const zipped = await fetchRaw(`${gzip.url}/f.json`, { "accept-encoding": "gzip, br" });
      expect(zipped.res.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(zipped.body).toString("utf8")).toBe(json);
      expect(zipped.body.length).toBeLessThan(json.length);
      // Changed on disk: the new bytes, not the copy compressed before.
      const changed = JSON.stringify({ ids: [1, 2, 3] });
      writeFileSync(join(root, "f.json"), changed);
      const again = await fetchRaw(`${gzip.url}/f.json`, { "accept-encoding": "gzip" });
      expect(gunzipSync(again.body).toString("utf8")).toBe(changed);
      writeFileSync(join(root, "f.json"), json);
      // A client that does not accept gzip, an image, and a server not asked to: as they are.
      const refused = await fetchRaw(`${gzip.url}/f.json`, {});
      expect(refused.res.headers["content-encoding"]).toBeUndefined();
      expect(refused.body.toString("utf8")).toBe(json);
      const image = await fetchRaw(`${gzip.url}/a.png`, { "accept-encoding": "gzip" });
      expect(image.res.headers["content-encoding"]).toBeUndefined();
      const off = await fetchRaw(`${plain.url}/f.json`, { "accept-encoding": "gzip" });
      expect(off.res.headers["content-encoding"]).toBeUndefined();
    } finally {
      await gzip.close();
      await plain.close();
    }
  });
});
