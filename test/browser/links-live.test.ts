import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appSuite } from "../support/app-suite.js";
import { ARTIFACTS, browserSuite, CHROMIUM, openGuardedPage } from "../support/browser.js";
import { runCliInProcess } from "../support/run-cli.js";

/**
 * `/links/` while serving (issue 20): `jingdu links` and `jingdu snapshot` run with the app open
 * write `snapshots/links.jsonl` and `snapshots/index.jsonl`; the server's watcher sees them and
 * the open page reloads itself to the new state, no restart.
 */
const suite = browserSuite("test/browser/links-live.test.ts");

const suiteApp = appSuite("jingdu-links-live-");
let pageServer: Server;
let base: string;
let alive = true;

beforeAll(async () => {
  if (!CHROMIUM) return;
  pageServer = createServer((req, res) => {
    if (req.url === "/post" && alive) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<!doctype html><title>post</title><p>text</p>");
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("gone");
    }
  });
  await new Promise<void>((r) => pageServer.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (pageServer) await new Promise<void>((r) => pageServer.close(() => r()));
});

suite("/links/ follows jingdu links and snapshot while serving", { timeout: 90_000 }, () => {
  it("shows the new link state and archived copy without a restart", async () => {
    const lib = await suiteApp.library([]);
    writeFileSync(
      join(lib, "papers", "demo.md"),
      `---\nshort: Demo\n---\nSee [the post](${base}/post).\n`,
    );
    const app = await suiteApp.serve(lib, { watch: true });
    const { page, errors } = await openGuardedPage(suiteApp.browser());
    await page.goto(`${app.url}links/`);
    expect(await page.locator("p.never-checked").count()).toBe(1);

    // First check, with the app open: snapshots/ does not exist yet and is made by it.
    const first = await runCliInProcess(["links", "--allow-host", "127.0.0.1"], { cwd: lib });
    expect(first.code, first.stderr).toBe(0);
    await expect.poll(() => page.locator("tr.link-ok").count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator("p.never-checked").count()).toBe(0);

    // Archived while serving: the copy appears beside the link.
    const snap = await runCliInProcess(["snapshot", "--allow-host", "127.0.0.1"], { cwd: lib });
    expect(snap.code, snap.stderr).toBe(0);
    await expect
      .poll(() => page.locator("tr a.archived-link").count(), { timeout: 15_000 })
      .toBe(1);

    // The page goes away; the next check finds it dead.
    alive = false;
    const second = await runCliInProcess(["links", "--allow-host", "127.0.0.1"], { cwd: lib });
    expect(second.code, second.stderr).toBe(0);
    await expect.poll(() => page.locator("tr.link-dead").count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, "links-live.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
