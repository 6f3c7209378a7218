import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { browserSuite } from "./browser.js";
import { REPO } from "./shared-files.js";

/**
 * A script outside vitest (a bench) launches chromium of its own, also when a test started it:
 * the child then has vitest's VITEST_WORKER_ID in its environment but no worker to `inject` from,
 * so that variable cannot be what tells the two apart (launchOwnChromium once asked it).
 */
const SCRIPT = `
import { launchOwnChromium } from "./test/support/browser.ts";
const browser = await launchOwnChromium();
console.log(process.env.VITEST_WORKER_ID !== undefined, browser.isConnected());
await browser.close();
`;

browserSuite("test/support/browser.test.ts")("chromium for a script outside vitest", () => {
  it("launches in a process a test started, as bench:site-search does", async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", SCRIPT],
      { cwd: REPO, timeout: 60_000 },
    );
    expect(stderr).toBe("");
    // The child inherited the worker's variable, and chromium launched anyway.
    expect(stdout.trim()).toBe("true true");
  });
});
