import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { revisionTime } from "../../src/app/index.js";
import { appSuite } from "../support/app-suite.js";
import { ARTIFACTS, browserSuite, gotoSettled, openGuardedPage } from "../support/browser.js";

/**
 * Managing the library in the web app in chromium (issue 20, part B): delete and restore (the
 * undo toast, the deleted items page), categories (add, rename with its papers, move a paper),
 * a note's revisions by local time with a diff, and the language switch.
 */
const suite = browserSuite("test/browser/app-manage.test.ts");

const app = appSuite("jingdu-manage-browser-");
const library = (language: "zh" | "en") =>
  app.library(["--template", "limu", "--language", language]);

const read = (root: string, file: string) => readFileSync(join(root, file), "utf8");
const revisionsOf = (root: string, file: string) => {
  const dir = join(root, "revisions", file);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};
/** Confirm dialogs answered yes from here on (the guarded page dismisses them). */
const acceptDialogs = (page: Page) => {
  page.removeAllListeners("dialog");
  page.on("dialog", (d) => void d.accept());
};

suite("managing the library in chromium", { timeout: 120_000 }, () => {
  it("deletes a paper, undoes it from the toast; restores an episode from the list", async () => {
    const root = await library("en");
    const server = await app.serve(root);
    const { page, errors, dialogs } = await openGuardedPage(app.browser());
    const paper = read(root, "papers/transformer.md");

    await page.goto(`${server.url}papers/transformer/`);
    // Asked first; dismissed, nothing is deleted.
    await page.locator(".app-toolbar button.app-delete").click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain("Delete “Transformer”?");
    expect(existsSync(join(root, "papers/transformer.md"))).toBe(true);

    acceptDialogs(page);
    await page.locator(".app-toolbar button.app-delete").click();
    await page.waitForURL(`${server.url}papers/`);
    expect(existsSync(join(root, "papers/transformer.md"))).toBe(false);
    const [kept] = revisionsOf(root, "papers/transformer.md");
    expect(read(root, `revisions/papers/transformer.md/${kept}`)).toBe(paper);
    expect(await page.locator(".app-toast").textContent()).toContain("Deleted “Transformer”.");
    expect(await page.locator("main a[href='/papers/transformer/']").count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "manage-deleted-toast.png"), fullPage: true });
    expect((await page.request.get(`${server.url}papers/transformer/`)).status()).toBe(404);

    await page.locator(".app-toast button[data-undo-delete]").click();
    await page.waitForURL(`${server.url}papers/transformer/`);
    expect(read(root, "papers/transformer.md")).toBe(paper);
    expect(await page.locator("main h1").textContent()).toContain("Transformer");

    // An episode: deleted, then restored from the deleted items page.
    const episode = read(root, "courses/limu/episodes/007.md");
    await page.goto(`${server.url}courses/limu/7/`);
    await page.locator(".app-toolbar button.app-delete").click();
    await page.waitForURL(`${server.url}courses/limu/`);
    expect(existsSync(join(root, "courses/limu/episodes/007.md"))).toBe(false);
    await page.goto(`${server.url}_/deleted`);
    const row = page.locator("ul.deleted-items li", { hasText: "courses/limu/episodes/007.md" });
    await page.screenshot({ path: join(ARTIFACTS, "manage-deleted-list.png"), fullPage: true });
    await row.locator("button[data-restore]").click();
    await page.waitForURL(`${server.url}courses/limu/7/`);
    expect(read(root, "courses/limu/episodes/007.md")).toBe(episode);
    // A course cannot be deleted from the app: its page offers no delete.
    await page.goto(`${server.url}courses/limu/`);
    await expect.poll(() => page.locator(".app-toolbar a.app-details").count()).toBe(1);
    expect(await page.locator(".app-toolbar button.app-delete").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("adds a category, renames one with its papers, moves a paper", async () => {
    const root = await library("en");
    const server = await app.serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    const categories = read(root, "categories.yaml");
    await page.goto(`${server.url}papers/`);
    await page.locator("main a[href='/_/categories']").click();
    await page.waitForURL(`${server.url}_/categories`);

    await page.locator("#new-category").fill("Reinforcement Learning");
    await Promise.all([
      page.waitForEvent("load"),
      page.locator("#add-category button[type=submit]").click(),
    ]);
    expect(read(root, "categories.yaml")).toMatch(
      /- id: reinforcement-learning\n {2}name: Reinforcement Learning\n$/,
    );
    const [kept] = revisionsOf(root, "categories.yaml");
    expect(read(root, `revisions/categories.yaml/${kept}`)).toBe(categories);
    await expect
      .poll(() => page.locator("section[data-category=reinforcement-learning] h2").textContent())
      .toContain("Reinforcement Learning");

    // Renamed: a new id from the name, the old one kept as an alias, its papers follow.
    const old = "自然语言处理-transformer";
    const section = page.locator(`section[data-category="${old}"]`);
    const members = await section.locator("li[data-paper], form.move-form").count();
    expect(members).toBeGreaterThan(0);
    await section.locator("form.rename-form input[name=name]").fill("NLP Transformers");
    await Promise.all([
      page.waitForEvent("load"),
      section.locator("form.rename-form button").click(),
    ]);
    const renamed = read(root, "categories.yaml");
    expect(renamed).toMatch(
      /- id: nlp-transformers\n {2}name: NLP Transformers\n {2}aliases: \[ ?自然语言处理-transformer ?\]/,
    );
    expect(renamed).not.toMatch(/- id: 自然语言处理-transformer\n/);
    expect(read(root, "papers/transformer.md")).toMatch(/categories: \[ ?nlp-transformers ?\]/);
    const moved = page.locator("section[data-category=nlp-transformers] form.move-form");
    await expect.poll(() => moved.count()).toBe(members);

    // Moved to the new category.
    const form = page.locator("form.move-form[data-paper=transformer]");
    await form.locator("select[name=to]").selectOption("reinforcement-learning");
    await Promise.all([page.waitForEvent("load"), form.locator("button").click()]);
    expect(read(root, "papers/transformer.md")).toMatch(
      /categories: \[ ?reinforcement-learning ?\]/,
    );
    await expect
      .poll(() =>
        page.locator("section[data-category=reinforcement-learning] li").first().textContent(),
      )
      .toContain("Transformer");
    await page.screenshot({ path: join(ARTIFACTS, "manage-categories.png"), fullPage: true });
    // The catalog shows it there.
    await page.goto(`${server.url}papers/`);
    expect(await page.locator("main").textContent()).toContain("Reinforcement Learning");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("lists a note's revisions by local time with a diff, and restores one", async () => {
    const root = await library("en");
    const server = await app.serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    const first = read(root, "papers/transformer.md");
    await page.goto(`${server.url}_/edit?page=${encodeURIComponent("/papers/transformer/")}`);
    await page.locator("#source").fill("A new first line.\n\nThe rest rewritten.");
    await page.locator("#save").click();
    await expect.poll(() => read(root, "papers/transformer.md")).toContain("A new first line.");

    // The editor's page reloads after its save: the navigation is tried again if it cut it.
    await gotoSettled(page, `${server.url}_/revisions?file=papers%2Ftransformer.md`);
    const [name] = revisionsOf(root, "papers/transformer.md");
    const when = revisionTime(name ?? "");
    expect(when).toBeDefined();
    const item = page.locator("ol.revisions li").first();
    expect((await item.locator("summary time").first().textContent())?.trim()).toBe(when?.local);
    expect(await item.locator("summary time").first().getAttribute("datetime")).toBe(when?.iso);
    // Local time: the instant as this machine's clock shows it.
    const local = new Date(when?.iso ?? "");
    expect(when?.local).toContain(`${String(local.getHours()).padStart(2, "0")}:`);
    await item.locator("summary").first().click();
    const diff = item.locator("pre.revision-diff");
    expect(await diff.locator("ins").allTextContents()).toContain("+ A new first line.");
    expect((await diff.locator("del").allTextContents()).join("\n")).toContain("精读三遍");
    await page.screenshot({ path: join(ARTIFACTS, "manage-revisions-diff.png"), fullPage: true });

    await item.locator("button[data-restore]").click();
    await page.waitForURL(`${server.url}papers/transformer/`);
    expect(read(root, "papers/transformer.md")).toBe(first);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("switches the language in the page and remembers it in jingdu.yaml", async () => {
    const root = await library("zh");
    const server = await app.serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    await page.goto(server.url);
    expect(await page.locator("html").getAttribute("lang")).toMatch(/^zh/);
    const button = page.locator(".site-header button.app-language");
    expect(await button.textContent()).toBe("English");
    await Promise.all([page.waitForEvent("load"), button.click()]);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(read(root, "jingdu.yaml")).toMatch(/^language: en$/m);
    expect(await page.locator(".site-header button.app-language").textContent()).toBe("中文");
    // Remembered: another page, opened anew, is in English too, app strings included.
    await page.goto(`${server.url}papers/transformer/`);
    expect(await page.locator(".app-toolbar a.app-details").textContent()).toBe("Edit details");
    await Promise.all([
      page.waitForEvent("load"),
      page.locator(".site-header button.app-language").click(),
    ]);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toMatch(/^zh/);
    expect(read(root, "jingdu.yaml")).toMatch(/^language: zh$/m);
    expect(await page.locator(".app-toolbar a.app-details").textContent()).toBe("编辑信息");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
