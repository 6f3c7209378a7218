import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { appSuite } from "../support/app-suite.js";
import { ARTIFACTS, browserSuite, openGuardedPage } from "../support/browser.js";

/**
 * Editing in the web app in chromium (issue 20, part B): a paper's and an episode's metadata
 * form saved to the file (and refused when the file changed on disk), delete and its undo,
 * category management, revisions with their local time and a diff, the language switch.
 */
const suite = browserSuite("test/browser/app-edit.test.ts");

const app = appSuite("jingdu-edit-browser-");
const library = (language: "zh" | "en") =>
  app.library(["--template", "limu", "--language", language]);

const read = (root: string, file: string) => readFileSync(join(root, file), "utf8");
const revisionsOf = (root: string, file: string) => {
  const dir = join(root, "revisions", file);
  return existsSync(dir) ? readdirSync(dir) : [];
};

suite("editing in chromium", { timeout: 120_000 }, () => {
  it("saves a paper's details from the form, and refuses a file changed on disk", async () => {
    const root = await library("en");
    const server = await app.serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    const before = read(root, "papers/transformer.md");

    await page.goto(`${server.url}papers/transformer/`);
    await page.locator(".app-toolbar a.app-details").click();
    await page.waitForURL(/\/_\/details\?page=/);
    expect(await page.locator("#field-short").inputValue()).toBe("Transformer");
    expect(await page.locator("#field-arxiv").inputValue()).toBe("1706.03762");
    await page.locator("#field-title").fill("Attention Is All You Need");
    await page.locator("#field-venue").fill("NeurIPS");
    await page.locator("#field-year").fill("2017");
    await page.locator("#field-tags").fill("attention, seq2seq");
    await page.locator("#field-categories").selectOption("计算机视觉-transformer");
    await page.screenshot({ path: join(ARTIFACTS, "edit-details-form.png"), fullPage: true });
    await page.locator("#details button[type=submit]").click();
    await page.waitForURL(`${server.url}papers/transformer/`);

    const after = read(root, "papers/transformer.md");
    expect(after).toContain("title: Attention Is All You Need\n");
    expect(after).toContain("venue: NeurIPS\n");
    expect(after).toMatch(/tags: \[ ?attention, seq2seq ?\]/);
    expect(after).toMatch(/categories: \[ ?计算机视觉-transformer ?\]/);
    // Keys in the documented order; the body and the other fields as they were.
    expect(after.indexOf("title:")).toBeLessThan(after.indexOf("year:"));
    expect(after.indexOf("venue:")).toBeLessThan(after.indexOf("ids:"));
    expect(after).toContain('arxiv: "1706.03762"');
    expect(after.split("---\n").slice(2).join("---\n")).toBe(
      before.split("---\n").slice(2).join("---\n"),
    );
    // The previous version kept in revisions/, and the page shows the new values.
    const kept = revisionsOf(root, "papers/transformer.md");
    expect(kept).toHaveLength(1);
    expect(read(root, `revisions/papers/transformer.md/${kept[0]}`)).toBe(before);
    expect(await page.locator("main").textContent()).toContain("NeurIPS");

    // The form is filled; the file changes on disk meanwhile; the save is refused and shows it.
    await page.goto(`${server.url}_/details?page=${encodeURIComponent("/papers/transformer/")}`);
    await page.locator("#field-venue").fill("NIPS 2017");
    const edited = read(root, "papers/transformer.md").replace(
      "venue: NeurIPS",
      "venue: ELSEWHERE",
    );
    writeFileSync(join(root, "papers/transformer.md"), edited);
    await page.locator("#details button[type=submit]").click();
    await expect
      .poll(() => page.locator("#details-status").textContent())
      .toContain("changed on disk");
    expect(await page.locator("#details-disk").textContent()).toContain("ELSEWHERE");
    expect(read(root, "papers/transformer.md")).toBe(edited);
    await page.screenshot({ path: join(ARTIFACTS, "edit-details-conflict.png"), fullPage: true });
    // Saving again, on what the file holds now, replaces it.
    await page.locator("#details button[type=submit]").click();
    await page.waitForURL(`${server.url}papers/transformer/`);
    expect(read(root, "papers/transformer.md")).toContain("venue: NIPS 2017\n");

    // A value the file cannot hold is refused with its code, nothing written.
    await page.goto(`${server.url}_/details?page=${encodeURIComponent("/papers/transformer/")}`);
    const good = read(root, "papers/transformer.md");
    await page.locator("#field-year").fill("soon");
    await page.locator("#details button[type=submit]").click();
    await expect.poll(() => page.locator("#details-status").textContent()).toContain("year");
    expect(read(root, "papers/transformer.md")).toBe(good);
    expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    await page.context().close();
  });

  it("renames an episode from its form (zh)", async () => {
    const root = await library("zh");
    const server = await app.serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}courses/limu/7/`);
    await page.locator(".app-toolbar a.app-details").click();
    await page.waitForURL(/\/_\/details/);
    expect(await page.locator("#field-short").count()).toBe(0);
    await page.locator("#field-title").fill("Transformer 逐段精读（重看）");
    await page.locator("#details button[type=submit]").click();
    await page.waitForURL(`${server.url}courses/limu/7/`);
    expect(await page.locator("main h1").textContent()).toContain("Transformer 逐段精读（重看）");
    expect(read(root, "courses/limu/episodes/007.md")).toContain(
      "title: Transformer 逐段精读（重看）\n",
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
