import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEmptyCard, fsrs, Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { readProgress, readReviews } from "../../src/store/index.js";
import type { Suggestion } from "../../src/study/index.js";
import { initialisedLibrary, runCliInProcess, tempDir } from "../support/run-cli.js";
import { HAS_SEED, SEED } from "../support/shared-files.js";

/**
 * A new library made from the built-in template, as `jingdu init --template limu` makes it (made
 * once per file, copied per test: `initialisedLibrary`).
 */
const limuLibrary = () => initialisedLibrary(["--template", "limu", "--language", "zh"]);

const today = (): string => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

describe("jingdu read", () => {
  it("records a pass, sections and the value rating in progress.yaml and shows them", async () => {
    const lib = await limuLibrary();
    const run = await runCliInProcess(
      [
        "read",
        "resnet",
        "--pass",
        "2",
        "--section",
        "method",
        "--section",
        "abstract,intro",
        "--value",
        "4,5,5",
      ],
      { cwd: lib },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`2 ✓ ${today()}`);
    expect(run.stdout).toContain("[x] abstract  [x] introduction  [x] method");
    expect(run.stdout).toContain("= 100 (outstanding)");
    expect((await readProgress(lib)).papers.resnet).toEqual({
      passes: [{ pass: 2, date: today() }],
      sections: ["abstract", "introduction", "method"],
      value: { novelty: 4, effectiveness: 5, problemSize: 5 },
    });
    // By short name, adding pass 1 and a section; JSON reflects the file.
    const json = await runCliInProcess(
      ["read", "ResNet", "--pass", "1", "--section", "title", "--json"],
      {
        cwd: lib,
      },
    );
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      paper: "resnet",
      passes: [{ pass: 1 }, { pass: 2 }],
      sections: ["title", "abstract", "introduction", "method"],
      value: { score: 100, label: "outstanding" },
    });
  });

  it("refuses an unknown paper, a bad pass, section or value, changing nothing", async () => {
    const lib = await limuLibrary();
    const before = readFileSync(join(lib, "progress.yaml"), "utf8");
    for (const args of [
      ["read", "no-such-paper"],
      ["read", "resnet", "--pass", "4"],
      ["read", "resnet", "--section", "appendix"],
      ["read", "resnet", "--value", "6,1,1"],
    ]) {
      const run = await runCliInProcess(args, { cwd: lib });
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/^jingdu: /);
    }
    expect(readFileSync(join(lib, "progress.yaml"), "utf8")).toBe(before);
  });
});

describe("jingdu review", () => {
  it("marks a note, lists it as due, and schedules a rating as ts-fsrs does", async () => {
    const lib = await limuLibrary();
    expect((await runCliInProcess(["review", "--mark", "resnet"], { cwd: lib })).stdout).toContain(
      "paper:resnet: marked for review",
    );
    expect((await runCliInProcess(["review", "--mark", "limu/7"], { cwd: lib })).code).toBe(0);
    const due = JSON.parse((await runCliInProcess(["review", "--json"], { cwd: lib })).stdout) as {
      due: { id: string }[];
    };
    expect(due.due.map((c) => c.id).sort()).toEqual(["episode:limu/7", "paper:resnet"]);

    const rated = await runCliInProcess(["review", "--rate", "paper:resnet", "good"], { cwd: lib });
    expect(rated.code, rated.stderr).toBe(0);
    expect(rated.stdout).toContain("in 10 minutes");
    const card = (await readReviews(lib)).cards["paper:resnet"];
    const at = new Date(card?.log[0]?.at ?? "");
    const expected = fsrs({ enable_fuzz: false }).next(createEmptyCard(at), at, Rating.Good).card;
    expect(card?.due).toBe(expected.due.toISOString());
    expect(card?.stability).toBe(expected.stability);

    const easy = await runCliInProcess(["review", "--rate", "limu/7", "easy"], { cwd: lib });
    expect(easy.code, easy.stderr).toBe(0);
    const episode = (await readReviews(lib)).cards["episode:limu/7"];
    expect(episode?.state).toBe("review");
    expect(Date.parse(episode?.due ?? "") - Date.parse(episode?.lastReview ?? "")).toBe(
      (episode?.scheduledDays ?? 0) * 86_400_000,
    );
    expect((await runCliInProcess(["review", "--json"], { cwd: lib })).stdout).toContain(
      '"due": []',
    );
  });

  it("on a terminal, shows each due note and takes a rating typed at the prompt", async () => {
    const lib = await limuLibrary();
    await runCliInProcess(["review", "--mark", "resnet"], { cwd: lib });
    await runCliInProcess(["review", "--mark", "limu/7"], { cwd: lib });
    // A wrong key is asked again; the second card is skipped.
    const run = await runCliInProcess(["review"], { cwd: lib, typed: "x\ng\ns\n" });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\[1\/2\] paper:resnet {2}ResNet/);
    expect(run.stdout).toContain("Type a, h, g or e.");
    expect(run.stdout).toMatch(/→ next review .*\(in 10 minutes\)/);
    expect(run.stdout).toMatch(/\[2\/2\] episode:limu\/7 /);
    const cards = (await readReviews(lib)).cards;
    expect(cards["paper:resnet"]?.log.map((l) => l.rating)).toEqual(["good"]);
    expect(cards["episode:limu/7"]?.log).toEqual([]);
    // Without a terminal (a pipe, a script) it lists the due cards and asks nothing.
    const piped = await runCliInProcess(["review"], { cwd: lib });
    expect(piped.stdout).toMatch(/^1 of 2 notes due for review/);
    expect(piped.stdout).not.toContain("[1/");
  });

  it("on a terminal, ends at Ctrl-D: what was rated is kept, the rest stays due", async () => {
    const lib = await limuLibrary();
    await runCliInProcess(["review", "--mark", "resnet"], { cwd: lib });
    await runCliInProcess(["review", "--mark", "limu/7"], { cwd: lib });
    // One rating typed, then the input ends where the second card asks (Node 20's readline
    // leaves that question unsettled: the command must end anyway, not hang or exit 13).
    const run = await runCliInProcess(["review"], { cwd: lib, typed: "g\n" });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\[2\/2\] episode:limu\/7 /);
    const cards = (await readReviews(lib)).cards;
    expect(cards["paper:resnet"]?.log.map((l) => l.rating)).toEqual(["good"]);
    expect(cards["episode:limu/7"]?.log).toEqual([]);
  });

  it("refuses to rate an unmarked note or with a bad rating, changing nothing", async () => {
    const lib = await limuLibrary();
    await runCliInProcess(["review", "--mark", "course:limu"], { cwd: lib });
    const before = readFileSync(join(lib, "reviews.yaml"), "utf8");
    const bad = await runCliInProcess(["review", "--rate", "transformer", "good"], { cwd: lib });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("paper:transformer is not under review");
    expect(
      (await runCliInProcess(["review", "--rate", "course:limu", "meh"], { cwd: lib })).code,
    ).toBe(2);
    expect((await runCliInProcess(["review", "--mark", "paper:no-such"], { cwd: lib })).code).toBe(
      2,
    );
    expect(readFileSync(join(lib, "reviews.yaml"), "utf8")).toBe(before);
  });

  it.skipIf(!HAS_SEED)("keeps the schedule through a re-import of the study log", async () => {
    const work = tempDir();
    const lib = join(work, "lib");
    expect(
      (await runCliInProcess(["import", SEED, "--into", lib, "--course", "limu"], { cwd: work }))
        .code,
    ).toBe(0);
    expect((await runCliInProcess(["review", "--mark", "limu/7"], { cwd: lib })).code).toBe(0);
    expect((await runCliInProcess(["review", "--rate", "limu/7", "good"], { cwd: lib })).code).toBe(
      0,
    );
    const before = readFileSync(join(lib, "reviews.yaml"), "utf8");
    const again = await runCliInProcess(["import", SEED, "--into", lib, "--course", "limu"], {
      cwd: work,
    });
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(lib, "reviews.yaml"), "utf8")).toBe(before);
    expect((await runCliInProcess(["review", "--json"], { cwd: lib })).stdout).toContain(
      '"total": 1',
    );
  });
});

describe("jingdu next", () => {
  it("suggests limu/1 on a fresh library, then limu/11 and the covered papers after 1-10", async () => {
    const lib = await limuLibrary();
    const first = JSON.parse((await runCliInProcess(["next", "--json"], { cwd: lib })).stdout) as {
      suggestions: Suggestion[];
    };
    expect(first.suggestions[0]).toMatchObject({ kind: "episode", id: "limu/1" });
    expect(first.suggestions.filter((s) => s.kind === "paper")).toEqual([]);

    expect((await runCliInProcess(["done", "limu/1-10"], { cwd: lib })).code).toBe(0);
    const after = JSON.parse((await runCliInProcess(["next", "--json"], { cwd: lib })).stdout) as {
      suggestions: Suggestion[];
    };
    expect(after.suggestions[0]).toMatchObject({
      kind: "episode",
      id: "limu/11",
      why: "next-episode",
    });
    const resnet = after.suggestions.find((s) => s.id === "resnet");
    expect(resnet).toMatchObject({ why: "covered-by-watched", episodes: ["limu/4", "limu/5"] });

    await runCliInProcess(["read", "resnet", "--pass", "1"], { cwd: lib });
    const text = (await runCliInProcess(["next"], { cwd: lib })).stdout;
    expect(text).toMatch(/^▶ limu\/11 /);
    expect(text).not.toContain("resnet");
    expect(text).toContain("which you watched; not read yet");
  });
});

describe("jingdu status (study lines)", () => {
  it("adds this week and the estimated finish at the recent pace", async () => {
    const lib = await limuLibrary();
    await runCliInProcess(["done", "limu/1-10"], { cwd: lib });
    const out = (await runCliInProcess(["status"], { cwd: lib })).stdout;
    // The limu template's library is zh: so are the lines.
    expect(out).toMatch(/本周（自 \d{4}-\d{2}-\d{2}）：看完 10 集，看了 464\.6 分钟/);
    // 464.6 minutes in 28 days = 16.6 min/day; the rest of the series at that pace.
    const m =
      /论文精读 \(limu\): 近 28 天平均每天 16\.6 分钟 → 约 (\S+) 看完（还要 (\d+) 天）/.exec(out);
    expect(m, out).not.toBeNull();
    const status = JSON.parse(
      (await runCliInProcess(["status", "--json"], { cwd: lib })).stdout,
    ) as {
      courses: { minutes: { left: number } }[];
      study: {
        week: { episodes: number; minutes: number };
        courses: { id: string; estimate: { finish: string; daysLeft: number } | null }[];
      };
    };
    const left = status.courses[0]?.minutes.left ?? 0;
    expect(Number(m?.[2])).toBe(Math.ceil(left / (464.6 / 28)));
    // The same figures in --json, for scripts.
    expect(status.study.week).toMatchObject({ episodes: 10, minutes: 464.6 });
    expect(status.study.courses).toEqual([
      {
        id: "limu",
        estimate: expect.objectContaining({ finish: m?.[1], daysLeft: Number(m?.[2]) }),
      },
    ]);
  });
});
