import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeTempLibrary } from "../../test/fixtures/libraries/sample-libraries.js";
import { readProgress, setEpisodeStatus, setPaperPass } from "./progress.js";

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});
const now = () => new Date(2024, 6, 10, 9, 30);

async function root(progress?: string): Promise<string> {
  const files = new Map([["jingdu.yaml", "title: t\n"]]);
  if (progress !== undefined) files.set("progress.yaml", progress);
  const dir = await writeTempLibrary(files);
  roots.push(dir);
  return dir;
}

describe("progress.yaml edits", () => {
  it("refuses to edit a progress.yaml that is not UTF-8, naming its line, and leaves its bytes", async () => {
    const dir = await root();
    const bytes = Buffer.concat([
      Buffer.from("# notes\nepisodes:\n  limu:\n    1: { status: done } # caf"),
      Buffer.from([0xe9]),
      Buffer.from("\n"),
    ]);
    await writeFile(join(dir, "progress.yaml"), bytes);
    await expect(setEpisodeStatus(dir, "limu", [2], "done", { now })).rejects.toThrow(
      /progress\.yaml:4: not UTF-8/,
    );
    expect((await readFile(join(dir, "progress.yaml"))).equals(bytes)).toBe(true);
  });

  it("turns the template's empty `{}` maps into block maps instead of one long flow line", async () => {
    const dir = await root("episodes: {}\npapers: {}\n");
    await setEpisodeStatus(dir, "limu", [1, 2], "done", { now });
    expect(await readFile(join(dir, "progress.yaml"), "utf8")).toBe(
      "episodes:\n  limu:\n    1: { status: done, date: 2024-07-10 }\n    2: { status: done, date: 2024-07-10 }\npapers: {}\n",
    );
  });

  it("creates the file, sets statuses in number order and reads back", async () => {
    const dir = await root();
    await setEpisodeStatus(dir, "limu", [7], "watching", { now, position: 2778 });
    await setEpisodeStatus(dir, "limu", [2, 1], "done", { now });
    await setPaperPass(dir, "resnet", 1, { now });
    expect(await readFile(join(dir, "progress.yaml"), "utf8")).toBe(
      'episodes:\n  limu:\n    1: { status: done, date: 2024-07-10 }\n    2: { status: done, date: 2024-07-10 }\n    7: { status: watching, date: 2024-07-10, position: "46:18" }\npapers:\n  resnet:\n    passes:\n      - { pass: 1, date: 2024-07-10 }\n',
    );
    expect(await readProgress(dir)).toEqual({
      episodes: {
        limu: {
          1: { status: "done", date: "2024-07-10" },
          2: { status: "done", date: "2024-07-10" },
          7: { status: "watching", date: "2024-07-10", position: 2778 },
        },
      },
      papers: { resnet: { passes: [{ pass: 1, date: "2024-07-10" }], sections: [] } },
    });
  });

  it("keeps comments and unknown keys, and `todo` removes the entry", async () => {
    const dir = await root(
      "# my progress\nepisodes:\n  limu:\n    1: { status: done, mood: 😀 }  # good one\n    3: { status: skipped }\nnotes: keep me\n",
    );
    await setEpisodeStatus(dir, "limu", [3], "todo", { now });
    expect(await readFile(join(dir, "progress.yaml"), "utf8")).toBe(
      "# my progress\nepisodes:\n  limu:\n    1: { status: done, mood: 😀 } # good one\nnotes: keep me\n",
    );
  });

  it("refuses to edit a progress.yaml that is not valid YAML, leaving it as it is", async () => {
    const broken = "episodes:\n  limu: [\n";
    const dir = await root(broken);
    await expect(setEpisodeStatus(dir, "limu", [1], "done", { now })).rejects.toMatchObject({
      code: "parse-error",
    });
    expect(await readFile(join(dir, "progress.yaml"), "utf8")).toBe(broken);
    await writeFile(join(dir, "progress.yaml"), "episodes: {}\n");
    expect(await setEpisodeStatus(dir, "limu", [1], "done", { now })).toBe(true);
  });
});
