import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/index.js";
import { ARTIFACTS } from "../support/browser.js";
import { browserFile } from "../support/browser-file.js";
import { runCliInProcess } from "../support/run-cli.js";
import { type StaticServer, startStaticServer } from "../support/static-server.js";

/**
 * Archived copies of cited pages in chromium (issue 7): `jingdu snapshot` archives a page with
 * its CSS, image and a script from a local page server; `jingdu links` then finds the second page
 * dead. The app shows each archived copy beside its link (the copy first for the dead one), the
 * copy opens offline and runs nothing — also after a script was put back into the stored file,
 * through the app (sandboxing CSP header) and from the static build (CSP in a meta element).
 */
const browsing = browserFile("test/browser/snapshots.test.ts");
const suite = browsing.suite;

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
/** What a script that runs would do: a dialog, a marker on the page, a request to the origin. */
const PAYLOAD =
  '<script>alert(1); document.documentElement.setAttribute("data-ran", "1"); fetch("/ran");</script>' +
  "<img src=\"/nope.png\" onerror=\"alert(2); document.documentElement.setAttribute('data-ran', '2')\">";

let base: string;
let lib: string;
let work: string;
let goneAlive = true;

beforeAll(async () => {
  if (!browsing.chromium) return;
  const pageServer = createServer((req, res) => {
    if (req.url === "/article" || (req.url === "/gone" && goneAlive)) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><html><head><title>一篇文章 ${req.url}</title><link rel="stylesheet" href="/s.css"></head><body><p id="text">正文 ${req.url}</p><img id="pic" src="/pic.png" alt="">${PAYLOAD}</body></html>`,
      );
    } else if (req.url === "/s.css") {
      res.writeHead(200, { "content-type": "text/css" });
      res.end("#text { color: rgb(0, 128, 128) }");
    } else if (req.url === "/pic.png") {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(PNG);
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("gone");
    }
  });
  await new Promise<void>((r) => pageServer.listen(0, "127.0.0.1", r));
  browsing.closeAfter({ close: () => new Promise((r) => pageServer.close(r)) });
  base = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  work = browsing.temp("jingdu-snapshots-browser-");
  expect((await runCliInProcess(["init", "lib"], { cwd: work })).code).toBe(0);
  lib = join(work, "lib");
  writeFileSync(
    join(lib, "papers", "demo.md"),
    `---\nshort: Demo\n---\nRead [the article](${base}/article) and [the old post](${base}/gone).\n`,
  );
  const snap = await runCliInProcess(["snapshot", "--allow-host", "127.0.0.1"], { cwd: lib });
  expect(snap.code, snap.stderr).toBe(0);
  expect(snap.stdout).toMatch(/2 links: 2 archived/);
  goneAlive = false;
  const links = await runCliInProcess(["links", "--all", "--allow-host", "127.0.0.1"], {
    cwd: lib,
  });
  expect(links.code, links.stderr).toBe(0);
  expect(links.stdout).toMatch(/2 links: 1 dead/);
}, 60_000);

/** The stored object of a URL, relative to the library (`snapshots/objects/ab/ab….html`). */
function objectOf(url: string): string {
  const lines = readFileSync(join(lib, "snapshots", "index.jsonl"), "utf8").split("\n");
  const entry = lines
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { url: string; path: string });
  const found = entry.find((e) => e.url === url);
  if (!found) throw new Error(`no snapshot of ${url}`);
  return found.path;
}

suite("archived copies of cited pages in chromium", { timeout: 90_000 }, () => {
  let app: RunningServer;
  beforeAll(async () => {
    app = await browsing.serve({ root: lib, watch: false });
  });

  it("shows the copy beside a live link and first for a dead one; the copy opens offline and runs nothing", async () => {
    const p = await browsing.open();
    try {
      await p.page.goto(`${app.url}papers/demo/`);
      const note = p.page.locator(".note");
      await expect.poll(() => note.locator(`a[href="${base}/article"]`).count()).toBe(1);
      const archived = note.locator("a.archived-link");
      expect(await archived.count()).toBe(1);
      expect(await archived.getAttribute("href")).toBe(`/${objectOf(`${base}/article`)}`);
      // The dead link: its text leads to the copy, the live URL follows, marked as dead.
      const dead = note.locator("a.dead");
      expect(await dead.textContent()).toBe("the old post");
      expect(await dead.getAttribute("href")).toBe(`/${objectOf(`${base}/gone`)}`);
      expect(await note.locator("a.live-link").getAttribute("href")).toBe(`${base}/gone`);
      expect(await note.locator("a.live-link").textContent()).toBe("original (dead)");
      await p.page.screenshot({ path: join(ARTIFACTS, "snapshots-paper.png") });

      // The copy, offline: the page server is not asked again.
      const asked: string[] = [];
      p.page.on("request", (r) => asked.push(r.url()));
      await archived.click();
      await p.page.waitForURL(/\/snapshots\/objects\//);
      await expect.poll(() => p.page.locator("#text").textContent()).toBe("正文 /article");
      expect(
        await p.page.evaluate<string>('getComputedStyle(document.getElementById("text")).color'),
      ).toBe("rgb(0, 128, 128)");
      const src = await p.page.locator("#pic").getAttribute("src");
      expect(src).toMatch(/^\.\.\/[0-9a-f]{2}\/[0-9a-f]{64}\.png$/);
      await expect
        .poll(() => p.page.evaluate<number>('document.getElementById("pic").naturalWidth'), {
          message: `image ${src}`,
        })
        .toBe(1);
      expect(asked.filter((u) => u.startsWith(base))).toEqual([]);
      await p.page.waitForTimeout(200);
      expect(await p.page.locator("html[data-ran]").count()).toBe(0);
      expect(p.dialogs).toEqual([]);
      expect(asked.filter((u) => u.endsWith("/ran"))).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it("a stored copy with a script put back into it runs nothing through the app or the static site", async () => {
    // The archiver drops scripts (tested in test/cli/snapshot.test.ts); here the file on disk is
    // changed afterwards, so only the serving policy stands between the script and our origin.
    const object = objectOf(`${base}/article`);
    const file = join(lib, object);
    writeFileSync(file, readFileSync(file, "utf8").replace("</body>", `${PAYLOAD}</body>`));
    expect(readFileSync(file, "utf8")).toContain("<script>alert(1)");

    const out = join(work, "site");
    const build = await runCliInProcess(["build", "--out", out], { cwd: lib });
    expect(build.code, build.stderr).toBe(0);
    const site: StaticServer = await startStaticServer(out);
    try {
      for (const url of [`${app.url}${object}`, `${site.url}/${object}`]) {
        const p = await browsing.open();
        const asked: string[] = [];
        p.page.on("request", (r) => asked.push(r.url()));
        try {
          await p.page.goto(url);
          await expect.poll(() => p.page.locator("#text").textContent()).toBe("正文 /article");
          await expect
            .poll(() => p.page.evaluate<number>('document.getElementById("pic").naturalWidth'), {
              message: `the archived image on ${url}`,
            })
            .toBe(1);
          await p.page.waitForTimeout(300);
          expect(await p.page.locator("html[data-ran]").count(), url).toBe(0);
          expect(p.dialogs, url).toEqual([]);
          expect(
            asked.filter((u) => u.endsWith("/ran")),
            url,
          ).toEqual([]);
        } finally {
          await p.close();
        }
      }
    } finally {
      await site.close();
    }
  });

  it("the links page lists each link's state, when it was checked and its copy", async () => {
    const p = await browsing.open();
    try {
      await p.page.goto(`${app.url}links/`);
      const row = (url: string) => p.page.locator("table.links tr", { hasText: url });
      await expect.poll(() => row(`${base}/gone`).getAttribute("class")).toBe("link-dead");
      expect(await row(`${base}/article`).getAttribute("class")).toBe("link-ok");
      for (const url of [`${base}/gone`, `${base}/article`]) {
        expect(await row(url).locator("time").first().getAttribute("datetime")).toMatch(
          /^\d{4}-\d\d-\d\dT/,
        );
        expect(await row(url).locator("a.archived-link").getAttribute("href")).toBe(
          `/${objectOf(url)}`,
        );
        expect(await row(url).locator("a", { hasText: "Demo" }).getAttribute("href")).toBe(
          "/papers/demo/",
        );
      }
      await p.page.screenshot({ path: join(ARTIFACTS, "snapshots-links.png"), fullPage: true });
      expect(p.errors).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
