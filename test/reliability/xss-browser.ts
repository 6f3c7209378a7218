/**
 * The browser side of the URL XSS checks: visit a page, click every link whose href came from a
 * payload, and record anything that ran (a dialog, the `__xss` marker, a console line, a title).
 */
import type { Browser, Page } from "playwright-core";

/** What the hostile URLs do when they run (see test/fixtures/xss/urls.jsonl). */
const RAN = /XSS-RAN/;

export interface Probe {
  page: Page;
  /** Everything that shows a payload ran: dialogs, markers, console lines, titles. */
  executed: string[];
  /** Content-Security-Policy violations the console reported (a blocked attempt, not a run). */
  cspViolations: string[];
  /** Requests to anything but 127.0.0.1 (aborted): where a clicked external link would go. */
  foreign: string[];
  /** Links clicked that came from a payload. */
  clicked: number;
  close(): Promise<void>;
}

/** A page that may only reach 127.0.0.1, with `alert` & co. turned into the marker. */
export async function openProbe(browser: Browser): Promise<Probe> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const probe: Probe = {
    page,
    executed: [],
    cspViolations: [],
    foreign: [],
    clicked: 0,
    close: () => context.close(),
  };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    // What `fetch('/xss-beacon')` and `window.open('https://evil.example/')` payloads request.
    if (/\/xss-beacon$/.test(url) || url === "https://evil.example/") {
      probe.executed.push(`request ${url}`);
    }
    if (url.startsWith("http://127.0.0.1:")) return route.continue();
    probe.foreign.push(url);
    return route.abort();
  });
  await context.addInitScript(
    'for (const n of ["alert", "confirm", "prompt", "print"]) window[n] = () => { window.__xss = n; };',
  );
  page.on("dialog", (d) => {
    probe.executed.push(`${page.url()}: dialog ${d.type()} ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on("console", (m) => {
    const text = m.text();
    if (RAN.test(text)) probe.executed.push(`${page.url()}: console ${text}`);
    if (/Content Security Policy/i.test(text)) probe.cspViolations.push(text);
  });
  return probe;
}

/** Reads what a payload that ran would leave on the current document; nothing while navigating. */
async function traces(page: Page): Promise<string[]> {
  try {
    return await page.evaluate<string[]>(
      `[window.__xss === undefined ? "" : "window.__xss = " + String(window.__xss), /XSS-RAN/.test(document.title) ? "title " + document.title : ""].filter(Boolean)`,
    );
  } catch {
    return [];
  }
}

/** Attribute values that would run script or load a document if followed (independent of src/core). */
const DANGEROUS =
  /^(?:javascript|vbscript|livescript|mocha|file|blob|filesystem):|^data:(?!image\/(?:png|jpeg|gif|webp)[;,])/i;

/**
 * Visits `url`, records every `href`/`src`/`action` a browser could follow into a script, then
 * clicks, one by one, each link whose `href` is one of `payloads` (reloading the page after a link
 * that navigated away). Returns the dangerous attribute values found.
 */
export async function visitAndClick(
  probe: Probe,
  url: string,
  payloads: ReadonlySet<string>,
): Promise<string[]> {
  const { page } = probe;
  const open = async () => {
    const response = await page.goto(url, { waitUntil: "load" });
    if (response?.status() !== 200) {
      throw new Error(`${url}: HTTP ${response?.status()}`);
    }
  };
  await open();
  const attributes = await page.evaluate<{ value: string; isPayloadLink: boolean }[]>(
    `[...document.querySelectorAll("[href], [src], [action], [formaction]")].map((e) => ({
      value: e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("action") ?? e.getAttribute("formaction") ?? "",
      isPayloadLink: e.tagName === "A" && e.hasAttribute("href"),
    }))`,
  );
  const dangerous = attributes
    .map((a) => [...a.value].filter((c) => c.charCodeAt(0) > 0x20).join(""))
    .filter((v) => DANGEROUS.test(v))
    .map((v) => `${url}: ${v}`);
  const links = await page.evaluate<(string | null)[]>(
    `[...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"))`,
  );
  const normalized = new Set([...payloads].map((p) => p.replace(/\r\n?/g, "\n")));
  let left = false;
  for (const [i, href] of links.entries()) {
    if (href === null || !normalized.has(href)) continue;
    if (left) await open();
    probe.clicked++;
    // A followed link navigates (to a 404 page here, or an aborted foreign host): wait for it to
    // land, read what ran there, and reload the page for the next link.
    const navigated = page.waitForEvent("framenavigated", { timeout: 400 }).then(
      () => true,
      () => false,
    );
    await page
      .locator("a[href]")
      .nth(i)
      .click({ timeout: 3000, noWaitAfter: true, force: true })
      .catch(() => {});
    left = await navigated;
    if (left) await page.waitForLoadState("load").catch(() => {});
    else await page.waitForTimeout(15);
    for (const t of await traces(page)) probe.executed.push(`${url} → ${href}: ${t}`);
  }
  for (const t of await traces(page)) probe.executed.push(`${url}: ${t}`);
  return dangerous;
}
