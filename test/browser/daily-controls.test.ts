import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { appSuite } from "../support/app-suite.js";
import { ARTIFACTS, browserSuite, openGuardedPage } from "../support/browser.js";
import { runCliInProcess } from "../support/run-cli.js";

/**
 * The web app's daily controls in chromium (issue 20, part A): the resume link after
 * `jingdu watching --at`, the position field and status buttons showing the saved state, pass
 * buttons with undo, the checklist and value rating saved to progress.yaml, the editor's
 * unsaved-changes prompt and Ctrl+S, the `?` shortcuts dialog.
 */
const suite = browserSuite("test/browser/daily-controls.test.ts");

const app = appSuite("jingdu-daily-browser-");
const library = (language: "zh" | "en") =>
  app.library(["--template", "limu", "--language", language]);
const serve = (root: string, watch = false) => app.serve(root, { watch });

const progressOf = (root: string) => readFileSync(join(root, "progress.yaml"), "utf8");

suite("daily controls in chromium", { timeout: 120_000 }, () => {
  it("shows the resume link after `jingdu watching --at` and keeps the position", async () => {
    const root = await library("zh");
    const at = await runCliInProcess(["watching", "limu/6", "--at", "46:18"], { cwd: root });
    expect(at.code, at.stderr).toBe(0);
    const server = await serve(root);
    const { page, errors } = await openGuardedPage(app.browser());

    await page.goto(`${server.url}courses/limu/6/`);
    const resume = page.locator(".facts a.resume");
    expect((await resume.textContent())?.trim()).toBe("继续 46:18");
    const href = new URL((await resume.getAttribute("href")) ?? "");
    expect(href.hostname).toBe("www.bilibili.com");
    expect(href.searchParams.get("t")).toBe("2778");
    // The controls show the saved state: watching pressed, the position in its field.
    await expect
      .poll(() => page.locator('button[data-status="watching"]').getAttribute("aria-pressed"))
      .toBe("true");
    expect(await page.locator('button[data-status="todo"]').getAttribute("aria-pressed")).toBe(
      "false",
    );
    expect(await page.locator("input.app-position").inputValue()).toBe("46:18");
    await page.screenshot({ path: join(ARTIFACTS, "daily-episode-resume.png"), fullPage: true });

    // Enter in the position field saves it.
    await page.locator("input.app-position").fill("50:00");
    await page.locator("input.app-position").press("Enter");
    await expect
      .poll(() => progressOf(root))
      .toMatch(/6: \{ status: watching, .*position: "50:00"/);
    await expect.poll(() => page.locator(".facts .resume").textContent()).toBe("继续 50:00");
    await expect.poll(() => page.locator("input.app-position").inputValue()).toBe("50:00");

    // The course page and home: the episode to go on with, with its resume link.
    await page.goto(`${server.url}courses/limu/`);
    const next = page.locator("p.continue");
    expect(await next.getAttribute("data-episode")).toBe("6");
    expect(await next.locator("a.resume").getAttribute("href")).toContain("t=3000");
    await page.goto(server.url);
    expect(await page.locator("p.continue a.resume").textContent()).toBe("继续 50:00");

    // Done: the status buttons say so after the reload.
    await page.goto(`${server.url}courses/limu/6/`);
    await page.locator('button[data-status="done"]').click();
    await expect
      .poll(() => page.locator('button[data-status="done"]').getAttribute("aria-pressed"))
      .toBe("true");
    expect(progressOf(root)).toMatch(/6: \{ status: done/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("marks a pass, undoes it, and undoes the undo from the toast", async () => {
    const root = await library("en");
    const server = await serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}papers/transformer/`);
    const pass1 = page.locator('button[data-pass="1"]');
    expect(await pass1.getAttribute("aria-pressed")).toBe("false");
    await pass1.click();
    await expect
      .poll(() => page.locator('button[data-pass="1"]').getAttribute("aria-pressed"))
      .toBe("true");
    expect(progressOf(root)).toMatch(/transformer:[\s\S]*pass: 1/);
    expect(await page.locator(".app-toast").textContent()).toContain("Pass 1 done.");

    // Clicked again: undone, no confirmation; the toast offers the undo.
    await page.locator('button[data-pass="1"]').click();
    await expect
      .poll(() => page.locator('button[data-pass="1"]').getAttribute("aria-pressed"))
      .toBe("false");
    expect(progressOf(root)).not.toMatch(/pass: 1/);
    await expect.poll(() => page.locator(".app-toast").textContent()).toContain("Pass 1 undone.");
    await page.screenshot({ path: join(ARTIFACTS, "daily-pass-undo.png"), fullPage: true });
    await page.locator(".app-toast button[data-undo]").click();
    await expect.poll(() => progressOf(root)).toMatch(/pass: 1/);
    await expect
      .poll(() => page.locator('button[data-pass="1"]').getAttribute("aria-pressed"))
      .toBe("true");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("saves the section checklist in place and the value rating to progress.yaml", async () => {
    const root = await library("zh");
    // Watching the files too: the save's own change on disk must not reload the page either.
    const server = await serve(root, true);
    const { page, errors } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}papers/transformer/`);
    // Each box saves in place: no navigation (a reload would clear this mark), focus stays.
    const loads: string[] = [];
    page.on("load", () => loads.push(page.url()));
    await page.evaluate('window.jingduTestMark = "kept"');
    const status = page.locator("ul.checklist + .app-status");
    const tick = async (name: string, on: boolean) => {
      const box = page.locator(`input[data-section-box="${name}"]`);
      await (on ? box.check() : box.uncheck());
      await expect.poll(() => status.textContent()).toBe("已保存。");
      await status.evaluate((node) => {
        node.textContent = "";
      });
      expect(
        await page.evaluate<string | null>(
          'document.activeElement && document.activeElement.getAttribute("data-section-box")',
        ),
      ).toBe(name);
    };
    await tick("abstract", true);
    await expect.poll(() => progressOf(root)).toMatch(/sections: \[ ?abstract ?\]/);
    await tick("method", true);
    await expect.poll(() => progressOf(root)).toMatch(/sections: \[ ?abstract, method ?\]/);
    await tick("abstract", false);
    await expect.poll(() => progressOf(root)).toMatch(/sections: \[ ?method ?\]/);
    // The list shows what the server saved.
    expect(await page.locator('li[data-section="method"]').getAttribute("data-checked")).toBe("");
    expect(await page.locator('li[data-section="abstract"]').getAttribute("data-checked")).toBe(
      null,
    );
    // Time for the watcher's own event of the last save: still the same page.
    await page.waitForTimeout(1500);
    expect(await page.evaluate("window.jingduTestMark")).toBe("kept");
    expect(loads).toEqual([]);

    const form = page.locator("form[data-value-form]");
    await form.locator("select[name=novelty]").selectOption("4");
    await form.locator("select[name=effectiveness]").selectOption("5");
    await form.locator("select[name=problemSize]").selectOption("2");
    await form.locator("button[type=submit]").click();
    await expect
      .poll(() => progressOf(root))
      .toMatch(/value: \{ ?novelty: 4, effectiveness: 5, problemSize: 2 ?\}/);
    // Shown in place too (the first rating adds its sentence), still the same page.
    await expect.poll(() => page.locator("p.value").textContent()).toContain("40");
    expect(await page.evaluate("window.jingduTestMark")).toBe("kept");
    expect(loads).toEqual([]);
    // After a reload the page shows what the file holds.
    await page.reload();
    expect(await page.locator("p.value").textContent()).toContain("40");
    expect(await page.locator('input[data-section-box="method"]').isChecked()).toBe(true);
    expect(await page.locator('input[data-section-box="abstract"]').isChecked()).toBe(false);
    expect(await page.locator("form[data-value-form] select[name=novelty]").inputValue()).toBe("4");
    await page.screenshot({ path: join(ARTIFACTS, "daily-checklist-value.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("guards unsaved edits, saves on Ctrl+S, lists shortcuts on ?", async () => {
    const root = await library("en");
    const server = await serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}papers/transformer/`);
    await page.keyboard.press("?");
    const dialog = page.locator("dialog.app-shortcuts");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain("Keyboard shortcuts");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);
    // `e` opens the editor.
    await page.keyboard.press("e");
    await page.waitForURL(/\/_\/edit\?page=/);
    const source = page.locator("#source");
    await source.click();
    await page.keyboard.press("End");
    await page.keyboard.type("\nA line typed in the app.");

    // Leaving asks; dismissing (the guarded page dismisses every dialog) stays on the page.
    const asked: string[] = [];
    page.on("dialog", (d) => asked.push(d.type()));
    await page.goto(server.url).catch(() => undefined);
    expect(asked).toEqual(["beforeunload"]);
    expect(page.url()).toContain("/_/edit");

    // Ctrl+S saves (no reload: the field keeps the text).
    await source.press("Control+s");
    await expect
      .poll(() => readFileSync(join(root, "papers", "transformer.md"), "utf8"))
      .toContain("A line typed in the app.");
    await expect.poll(() => page.locator("#editor-status").textContent()).toBe("Saved.");
    // Saved: leaving asks nothing.
    await page.goto(server.url);
    expect(asked).toEqual(["beforeunload"]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
  it("goes by keys: / search, g h home, 3 rates a review good", async () => {
    const root = await library("en");
    const server = await serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}papers/transformer/`);
    await page.locator("button[data-mark-review]").click();
    await expect.poll(() => page.locator("button[data-mark-review]").isDisabled()).toBe(true);
    await page.keyboard.press("/");
    await page.waitForURL(/\/search\/$/);
    // On the search page `/` goes to its field; typed text is not taken as shortcuts.
    await page.keyboard.press("/");
    await expect
      .poll(() =>
        page.evaluate<string | null>(
          'document.activeElement && document.activeElement.getAttribute("name")',
        ),
      )
      .toBe("q");
    await page.keyboard.type("gh");
    expect(page.url()).toMatch(/\/search\//);
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("g");
    await page.keyboard.press("h");
    await page.waitForURL(server.url);
    await page.goto(`${server.url}_/review`);
    await expect
      .poll(() => page.locator("#review-card").getAttribute("data-note"))
      .toBe("paper:transformer");
    await page.keyboard.press("3");
    await expect
      .poll(() => readFileSync(join(root, "reviews.yaml"), "utf8"), { timeout: 10_000 })
      .toMatch(/rating: good/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
  it("goes through the due notes with j and k, and `?` names them", async () => {
    const root = await library("en");
    for (const note of ["paper:transformer", "paper:bert", "paper:alexnet"]) {
      const marked = await runCliInProcess(["review", "--mark", note], { cwd: root });
      expect(marked.code, marked.stderr).toBe(0);
    }
    const server = await serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}_/review`);
    const card = page.locator("#review-card");
    const first = await card.getAttribute("data-note");
    const titles = await page.locator("ol.due-list li").allTextContents();
    expect(titles).toHaveLength(3);
    expect(await page.locator('ol.due-list li[aria-current="true"]').textContent()).toBe(titles[0]);
    await page.keyboard.press("j");
    await page.waitForURL(/\/_\/review\?note=/);
    const second = await card.getAttribute("data-note");
    expect(second).not.toBe(first);
    expect(await page.locator('ol.due-list li[aria-current="true"]').textContent()).toBe(titles[1]);
    expect(await card.locator("h2").textContent()).toBe(titles[1]);
    await page.waitForLoadState("load");
    await page.keyboard.press("j");
    await expect
      .poll(() => page.locator('ol.due-list li[aria-current="true"]').textContent())
      .toBe(titles[2]);
    // The last one: j goes nowhere; k goes back one, then to the first. (Keys are pressed once
    // the page's scripts have run.)
    await page.waitForLoadState("load");
    const last = page.url();
    await page.keyboard.press("j");
    expect(page.url()).toBe(last);
    await page.keyboard.press("k");
    await expect.poll(() => card.getAttribute("data-note")).toBe(second);
    await page.waitForLoadState("load");
    await page.keyboard.press("k");
    await expect.poll(() => card.getAttribute("data-note")).toBe(first);
    await page.waitForLoadState("load");
    await page.keyboard.press("?");
    const dialog = page.locator("dialog.app-shortcuts");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain("j / kReview: next / previous note");
    await page.screenshot({ path: join(ARTIFACTS, "daily-review-keys.png"), fullPage: true });
    // A card with a formula is typeset: KaTeX's stylesheet hides its MathML copy.
    await page.goto(`${server.url}_/review?note=paper%3Atransformer`);
    expect(
      await page.evaluate<string>(
        'getComputedStyle(document.querySelector("#review-card .katex-mathml")).position',
      ),
    ).toBe("absolute");
    expect(errors).toEqual([]);
    await page.context().close();
  });
  it("fits a phone: the controls and the resume link do not widen the page at 390 px", async () => {
    const root = await library("zh");
    const at = await runCliInProcess(["watching", "limu/6", "--at", "1:02:03"], { cwd: root });
    expect(at.code, at.stderr).toBe(0);
    const server = await serve(root);
    const { page, errors } = await openGuardedPage(app.browser(), 390);
    for (const path of ["courses/limu/6/", "papers/transformer/", "courses/limu/"]) {
      await page.goto(`${server.url}${path}`);
      await expect.poll(() => page.locator(".app-toolbar").count()).toBe(1);
      const width = await page.evaluate<number>("document.documentElement.scrollWidth");
      expect(width, path).toBeLessThanOrEqual(390);
      await page.screenshot({
        path: join(ARTIFACTS, `daily-390-${path.replace(/\W+/g, "-")}.png`),
        fullPage: true,
      });
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
