import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { appSuite } from "../support/app-suite.js";
import { ARTIFACTS, browserSuite, openGuardedPage } from "../support/browser.js";
import { LECTURE_BVID, LECTURE_COURSE, writeLectureLibrary } from "../support/lecture-library.js";

/**
 * The episode page's transcript pane and the app's search inside lectures, in chromium (issue 21,
 * parts 3 and 2): every cue with its time, each a link into the video at its second; the cue
 * under a note's timestamp beside the note; a search hit on what was said links there too.
 * The video is on bilibili: the guarded page aborts the navigation and records where it went.
 */
const suite = browserSuite("test/browser/transcript-pane.test.ts");
const app = appSuite("jingdu-transcript-browser-");

const SAID = { episode: 57, at: 754, text: "这里出现了 Heisenbug 和 量子纠缠 的比喻" };
const AT_754 = `https://www.bilibili.com/video/${LECTURE_BVID}/?p=57&t=754`;

suite("the transcript pane in chromium", { timeout: 120_000 }, () => {
  it("lists the cues; clicking one opens the video at its second; a note's 12:34 shows its cue", async () => {
    const root = writeLectureLibrary(join(app.temp("jingdu-lectures-"), "lib"), {
      episodes: 60,
      cues: 400,
      said: SAID,
      notes: { 57: "在 12:34 讲到了一个比喻。" },
    });
    const server = await app.serve(root);
    const { page, errors, foreign } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}courses/${LECTURE_COURSE}/57/`);

    const cues = page.locator("section.transcript ol.cues > li");
    expect(await cues.count()).toBe(400);
    const said = page.locator('section.transcript li[data-start="754"] a.cue');
    expect((await said.locator(".cue-time").textContent())?.trim()).toBe("12:34");
    expect(await said.locator(".cue-text").textContent()).toBe(SAID.text);
    expect(await said.getAttribute("href")).toBe(AT_754);

    // Beside the note: what is said at its timestamp.
    const beside = page.locator("aside.note-cues a.cue");
    expect(await beside.count()).toBe(1);
    expect(await beside.locator(".cue-text").textContent()).toBe(SAID.text);
    expect(await beside.getAttribute("href")).toBe(AT_754);
    await page.screenshot({ path: join(ARTIFACTS, "transcript-pane.png") });
    expect(errors).toEqual([]);

    await said.scrollIntoViewIfNeeded();
    await said.click();
    await expect.poll(() => foreign).toContain(AT_754);
  });

  it("the app's search shows what was said, linking into the video at that second", async () => {
    const root = writeLectureLibrary(join(app.temp("jingdu-lectures-"), "lib"), {
      episodes: 60,
      cues: 100,
      said: SAID,
    });
    const server = await app.serve(root);
    const { page, foreign } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}search/?q=${encodeURIComponent("纠缠")}`);
    const hit = page.locator('section.result-group[data-kind="cue"] li a');
    // The first query indexes 6,000 cues before it answers: seconds on a loaded machine.
    await expect.poll(() => hit.count(), { timeout: 15_000 }).toBe(1);
    expect(await hit.textContent()).toMatch(/^57\. 第57讲 \S+ · 12:34$/);
    expect(await hit.getAttribute("href")).toBe(AT_754);
    expect(await page.locator('section[data-kind="cue"] .snippet mark').textContent()).toBe("纠缠");
    await hit.click();
    await expect.poll(() => foreign).toContain(AT_754);
  });

  it("says when a transcript was made by speech recognition, and not when a person's was attached", async () => {
    const root = writeLectureLibrary(join(app.temp("jingdu-lectures-"), "lib"), {
      episodes: 2,
      cues: 5,
      headers: {
        1: {
          source: `https://www.bilibili.com/video/${LECTURE_BVID}/?p=1`,
          language: "ai-zh 中文（自动生成）",
          aiGenerated: true,
          fetched: "2026-12-03",
        },
      },
    });
    const server = await app.serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    await page.goto(`${server.url}courses/${LECTURE_COURSE}/1/`);
    const mark = page.locator("section.transcript .transcript-ai");
    expect(await mark.isVisible()).toBe(true);
    expect((await mark.textContent())?.trim()).toBe(
      "由语音识别自动生成，字词可能有误 · ai-zh 中文（自动生成）",
    );
    expect(await page.locator("section.transcript").getAttribute("data-ai-generated")).toBe("yes");
    expect(await page.locator("section.transcript ol.cues > li").count()).toBe(5);

    await page.goto(`${server.url}courses/${LECTURE_COURSE}/2/`);
    expect(await page.locator("section.transcript ol.cues > li").count()).toBe(5);
    expect(await page.locator("section.transcript .transcript-ai").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("quotes a cue with its time into the note from the editor, and the save keeps it", async () => {
    const root = writeLectureLibrary(join(app.temp("jingdu-lectures-"), "lib"), {
      episodes: 60,
      cues: 100,
      said: SAID,
      notes: { 57: "第一行笔记。" },
    });
    const server = await app.serve(root);
    const { page, errors } = await openGuardedPage(app.browser());
    await page.goto(
      `${server.url}_/edit?page=${encodeURIComponent(`/courses/${LECTURE_COURSE}/57/`)}`,
    );
    const quote = page.locator('section.editor-cues button.cue-quote:text-is("12:34")');
    await quote.click();
    const body = await page.locator("#source").inputValue();
    expect(body).toContain(`第一行笔记。\n> [12:34] ${SAID.text}\n`);
    // The preview renders the quoted time as a link into the video at that second.
    await expect
      .poll(async () => {
        const href = await page.locator("#preview blockquote a.ts").getAttribute("href");
        const url = new URL(href ?? "about:blank");
        return `${url.pathname} p=${url.searchParams.get("p")} t=${url.searchParams.get("t")}`;
      })
      .toBe(`/video/${LECTURE_BVID}/ p=57 t=754`);
    await page.locator("#save").click();
    await expect
      .poll(() => readFileSync(join(root, "courses", LECTURE_COURSE, "episodes", "057.md"), "utf8"))
      .toContain(`> [12:34] ${SAID.text}`);
    expect(errors).toEqual([]);
  });
});
