import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { describe, inject } from "vitest";

/**
 * Debian's chromium for the browser tests (never downloaded): where it is, how it is launched, and
 * pages that may talk only to 127.0.0.1. Without chromium the suites fail in CI and are skipped,
 * with a message, elsewhere.
 */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Screenshots of the browser tests (kept as CI artifacts). */
export const ARTIFACTS = join(REPO, "test-artifacts");

function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const p of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (existsSync(p)) return p;
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const CHROMIUM = findChromium();
if (!CHROMIUM && process.env.CI) {
  throw new Error("chromium is not installed: the browser tests need Debian's chromium in CI");
}

/** `describe` when chromium is here, else `describe.skip` with a message naming the suite. */
export function browserSuite(name: string): typeof describe | typeof describe.skip {
  if (CHROMIUM) return describe;
  console.warn(`${name}: SKIPPED, chromium not found (apt-get install chromium); CI fails instead`);
  return describe.skip;
}

/** Headless, without GPU, sandbox (root in CI) or background traffic. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * The run's chromium, for a test file: connected to the one vitest's globalSetup launches for the
 * whole run (browser-launcher.ts), or launched here when the run has no such setup. Only for code
 * in a vitest worker (`inject` throws elsewhere); a script outside vitest (a bench) calls
 * `launchOwnChromium`. `close()` on it closes this file's contexts and disconnects.
 */
export async function launchChromium(): Promise<Browser> {
  const launcher = inject("browserLauncher");
  if (!launcher) return launchOwnChromium();
  chromiumHere();
  const res = await fetch(launcher);
  if (!res.ok) throw new Error(`the shared chromium did not start: ${await res.text()}`);
  return chromium.connect(await res.text());
}

/**
 * A chromium of the caller's own (headless, no GPU, sandbox or background traffic), for scripts
 * outside vitest. The caller says which it is: vitest's VITEST_WORKER_ID is in the environment of
 * every process a test starts as well, so it cannot tell a bench from a worker.
 */
export async function launchOwnChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumHere(), args: CHROMIUM_ARGS });
}

/** Chromium's path, with the screenshots' folder made; throws when chromium is not installed. */
function chromiumHere(): string {
  if (!CHROMIUM) throw new Error("chromium is not installed");
  mkdirSync(ARTIFACTS, { recursive: true });
  return CHROMIUM;
}

export interface GuardedPage {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Messages of dialogs (alert, confirm, prompt) that opened; each is dismissed. */
  dialogs: string[];
  /** Requests to anything but 127.0.0.1, aborted before they leave. */
  foreign: string[];
  /** Paths answered with 404. */
  missing: string[];
  close(): Promise<void>;
}

/** A page in its own context that may only talk to 127.0.0.1; records errors and dialogs. */
export async function openGuardedPage(
  browser: Browser,
  width = 1200,
  /** `bypassCSP` only to let a test add a script of its own (axe); never to make a page work. */
  options: {
    colorScheme?: "light" | "dark";
    bypassCSP?: boolean;
    /** The viewport's height; 900 when not given. */
    height?: number;
    /** A folder whose `file://` URLs the page may load too (a site built to open from disk). */
    files?: string;
  } = {},
): Promise<GuardedPage> {
  const { files, height = 900, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width, height }, ...contextOptions });
  const allowedFiles = files ? `${pathToFileURL(files).href}/` : undefined;
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  const foreign: string[] = [];
  const missing: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("http://127.0.0.1:")) return route.continue();
    if (allowedFiles && url.startsWith(allowedFiles)) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  // Each error names the page it came from: a test that walks many pages says which one failed.
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() === 404) missing.push(new URL(r.url()).pathname);
  });
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  return { page, errors, dialogs, foreign, missing, close: () => context.close() };
}

/**
 * Navigates to `url` and waits for it to load. After a save the app's live reload may reload the
 * page being left at the same moment, which aborts the navigation: it is then tried again.
 */
export async function gotoSettled(page: Page, url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await page.goto(url);
      if (response && response.status() >= 400) {
        throw new Error(`${url}: HTTP ${response.status()}`);
      }
      return;
    } catch (e) {
      if (attempt >= 5 || !/ERR_ABORTED|interrupted by another navigation/.test(String(e))) {
        throw e;
      }
      await page.waitForLoadState("load").catch(() => {});
    }
  }
}
