/**
 * Races (issue 14, items 1, 2 and 5): concurrent saves through the real server, concurrent
 * progress updates in one process and across processes, a stale lock left by a killed process,
 * and a note that is not UTF-8. `JINGDU_RELIABILITY=full` runs the counts.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { contentHash, lockPathOf, readProgress, setEpisodeStatus } from "../../src/store/index.js";
import { demoLibrary } from "../support/demo-library.js";
import { apiRequest, startLineChild } from "../support/race-helpers.js";
import { runJingduAsync } from "../support/run-cli.js";

const FULL = process.env.JINGDU_RELIABILITY === "full";
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CHILD = join(REPO_ROOT, "test/support/progress-writer-child.ts");

const send = (port: number, path: string, method: string, body?: unknown) =>
  apiRequest(port, server.token, path, method, body);
const startChild = (args: string[]) => startLineChild(CHILD, args, REPO_ROOT);

let root: string;
let server: RunningServer;
const now = () => new Date();

beforeAll(async () => {
  root = await demoLibrary("jingdu-races-");
  server = await startServer({ root, port: 0, now, watch: false });
});
afterAll(async () => {
  await server?.close();
  rmSync(dirname(root), { recursive: true, force: true });
});

const notePath = (n: number) => `courses/limu/episodes/${String(n).padStart(3, "0")}.md`;
const pageOf = (n: number) => `/courses/limu/${n}/`;
const diskHash = (file: string) => contentHash(readFileSync(join(root, file)));

/** Every version of a note that exists: the file itself and each of its revisions. */
function versions(file: string): string[] {
  const dir = join(root, "revisions", file);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    names = [];
  }
  return [
    readFileSync(join(root, file), "utf8"),
    ...names.map((n) => readFileSync(join(dir, n), "utf8")),
  ];
}

describe("concurrent saves of one note", () => {
  it("two saves with the same base: exactly one 200, the other 409, nothing acknowledged lost", async () => {
    const rounds = FULL ? 100 : 10;
    const file = notePath(4);
    let passed = 0;
    for (let round = 0; round < rounds; round++) {
      const before = readFileSync(join(root, file), "utf8");
      const base = diskHash(file);
      const texts = [`round ${round} from tab A`, `round ${round} from tab B`];
      const replies = await Promise.all(
        texts.map((body) =>
          send(server.port, "/api/notes", "PUT", { page: pageOf(4), body, baseHash: base }),
        ),
      );
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses, `round ${round}`).toEqual([200, 409]);
      const winner = texts[replies.findIndex((r) => r.status === 200)] as string;
      const loser = texts[replies.findIndex((r) => r.status === 409)] as string;
      const now = readFileSync(join(root, file), "utf8");
      expect(now.endsWith(`\n${winner}\n`)).toBe(true);
      // The refused text is handed back to its tab (never acknowledged, so not lost)...
      expect(JSON.parse(replies.find((r) => r.status === 409)?.body ?? "{}").yours).toBe(loser);
      // ...and the version both were based on is kept, byte for byte, exactly once.
      expect(versions(file).filter((v) => v === before)).toHaveLength(1);
      passed++;
    }
    console.log(
      "reliability:",
      `concurrent same-base saves: ${rounds} rounds, ${passed} passed (one 200 + one 409, winner on disk, base kept as revision)`,
    );
  }, 120_000);

  it("many tabs saving their own texts: every acknowledged text is in the note or in revisions", async () => {
    const tabs = 6;
    const savesPerTab = FULL ? 20 : 4;
    const file = notePath(5);
    const acknowledged: string[] = [];
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: tabs }, async (_, tab) => {
        for (let i = 0; i < savesPerTab; i++) {
          const text = `tab ${tab} save ${i}`;
          let base = diskHash(file);
          for (let attempt = 0; attempt < 1000; attempt++) {
            const r = await send(server.port, "/api/notes", "PUT", {
              page: pageOf(5),
              body: text,
              baseHash: base,
            });
            if (r.status === 200) {
              acknowledged.push(text);
              break;
            }
            expect(r.status).toBe(409);
            conflicts++;
            // "Keep mine" in the editor: save again over what is on disk now.
            base = JSON.parse(r.body).diskHash;
          }
        }
      }),
    );
    const all = versions(file);
    const lost = acknowledged.filter((t) => !all.some((v) => v.endsWith(`\n${t}\n`)));
    expect(acknowledged).toHaveLength(tabs * savesPerTab);
    expect(lost).toEqual([]);
    console.log(
      "reliability:",
      `concurrent distinct saves: ${tabs} tabs × ${savesPerTab} saves, ${acknowledged.length} acknowledged, ${lost.length} lost, ${conflicts} refused with 409 and saved again`,
    );
  }, 120_000);
});

describe("concurrent progress updates", () => {
  it("25 pairs of POST /api/progress for different episodes: all 50 in progress.yaml", async () => {
    for (let pair = 0; pair < 25; pair++) {
      const replies = await Promise.all(
        [pair * 2 + 1, pair * 2 + 2].map((number) =>
          send(server.port, "/api/progress", "POST", { course: "limu", number, status: "done" }),
        ),
      );
      for (const r of replies) expect(JSON.parse(r.body)).toEqual({ ok: true });
    }
    const episodes = (await readProgress(root)).episodes.limu ?? {};
    const missing = Array.from({ length: 50 }, (_, i) => i + 1).filter(
      (n) => episodes[n]?.status !== "done",
    );
    expect(missing).toEqual([]);
    console.log(
      "reliability:",
      `concurrent progress: 25 pairs, ${50 - missing.length} of 50 in progress.yaml`,
    );
  }, 120_000);

  it("50 at once (watching with a position): all 50 kept", async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(server.port, "/api/progress", "POST", {
          course: "limu",
          number: i + 1,
          status: "watching",
          position: `${i}:30`,
        }),
      ),
    );
    for (const r of replies) expect(r.status).toBe(200);
    const episodes = (await readProgress(root)).episodes.limu ?? {};
    const kept = Array.from({ length: 50 }, (_, i) => i + 1).filter(
      (n) => episodes[n]?.status === "watching" && episodes[n]?.position === (n - 1) * 60 + 30,
    );
    expect(kept).toHaveLength(50);
    console.log(
      "reliability:",
      `concurrent progress burst: 50 requests at once, ${kept.length} of 50 kept`,
    );
  }, 120_000);
});

describe("across processes", () => {
  it("two child processes and the server update progress.yaml at once: nothing lost", async () => {
    const rounds = FULL ? 5 : 1;
    let passed = 0;
    for (let round = 0; round < rounds; round++) {
      writeFileSync(join(root, "progress.yaml"), "episodes: {}\npapers: {}\n");
      const odd = Array.from({ length: 12 }, (_, i) => 2 * i + 1);
      const even = Array.from({ length: 12 }, (_, i) => 2 * i + 2);
      const children = [
        startChild([root, "limu", odd.join(",")]),
        startChild([root, "limu", even.join(",")]),
      ];
      await Promise.all(children.map((c) => c.wait("ready")));
      for (const c of children) c.child.stdin?.end("go\n");
      // Meanwhile the server marks 25…54 (another process to the children).
      const serverSide = Array.from({ length: 30 }, (_, i) => 25 + i);
      await Promise.all(
        serverSide.map((number) =>
          send(server.port, "/api/progress", "POST", { course: "limu", number, status: "done" }),
        ),
      );
      expect(await Promise.all(children.map((c) => c.exited))).toEqual([0, 0]);
      const told = children.flatMap((c) => c.lines.filter((l) => l.startsWith("done ")));
      expect(told).toHaveLength(24);
      const episodes = (await readProgress(root)).episodes.limu ?? {};
      const missing = [...odd, ...even, ...serverSide].filter(
        (n) => episodes[n]?.status !== "done",
      );
      expect(missing).toEqual([]);
      passed++;
    }
    console.log(
      "reliability:",
      `cross-process progress: ${rounds} rounds × (2 processes × 12 + server 30), ${passed} passed, nothing lost`,
    );
  }, 120_000);

  // Real processes: the lock between separate processes (and the server's) is what is tested.
  it("the built CLI's `jingdu done` in parallel with the server: every command lands", async () => {
    writeFileSync(join(root, "progress.yaml"), "episodes: {}\npapers: {}\n");
    const commands = FULL ? 20 : 6;
    const cli = Array.from({ length: commands }, (_, i) => i + 1);
    const fromServer = Array.from({ length: 10 }, (_, i) => 40 + i);
    const [runs] = await Promise.all([
      Promise.all(
        cli.map((n) => runJingduAsync(["--library", root, "done", `limu/${n}`], { cwd: root })),
      ),
      Promise.all(
        fromServer.map((number) =>
          send(server.port, "/api/progress", "POST", { course: "limu", number, status: "done" }),
        ),
      ),
    ]);
    expect(runs.map((r) => r.code)).toEqual(cli.map(() => 0));
    const episodes = (await readProgress(root)).episodes.limu ?? {};
    const missing = [...cli, ...fromServer].filter((n) => episodes[n]?.status !== "done");
    expect(missing).toEqual([]);
    console.log(
      "reliability:",
      `jingdu done ×${commands} in parallel with 10 server updates: ${commands - runs.filter((r) => r.code !== 0).length} exited 0, ${missing.length} lost`,
    );
  }, 120_000);

  it("recovers a lock left by a killed process", async () => {
    const progress = join(root, "progress.yaml");
    const holder = startChild(["hold", progress]);
    await holder.wait("locked");
    expect(JSON.parse(readFileSync(lockPathOf(progress), "utf8")).pid).toBe(holder.child.pid);
    holder.child.kill("SIGKILL");
    await holder.exited;
    // The lock file is still there; the next writer sees its process is gone and takes it over.
    expect(readFileSync(lockPathOf(progress), "utf8")).toContain(`${holder.child.pid}`);
    const started = Date.now();
    await setEpisodeStatus(root, "limu", [54], "watching", { now });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await readProgress(root)).episodes.limu?.[54]?.status).toBe("watching");
    expect(() => readFileSync(lockPathOf(progress))).toThrow(/ENOENT/);
    console.log(
      "reliability:",
      "stale lock of a SIGKILLed process: 1 trial, recovered, update kept",
    );
  }, 60_000);

  it("a writer killed at a random moment: its lock is recovered, nothing it was told is lost", async () => {
    const trials = FULL ? 20 : 2;
    const progress = join(root, "progress.yaml");
    let passed = 0;
    const toldCounts: number[] = [];
    for (let trial = 0; trial < trials; trial++) {
      writeFileSync(progress, "episodes: {}\npapers: {}\n");
      const numbers = Array.from({ length: 54 }, (_, i) => i + 1);
      const writer = startChild([root, "limu", numbers.join(",")]);
      await writer.wait("ready");
      writer.child.stdin?.end("go\n");
      await new Promise((done) => setTimeout(done, 100 + Math.random() * 400));
      writer.child.kill("SIGKILL");
      await writer.exited;
      const told = writer.lines.filter((l) => l.startsWith("done ")).map((l) => Number(l.slice(5)));
      toldCounts.push(told.length);
      // The next writer gets in at once, whatever the kill left (a lock, a temp file, or nothing).
      const started = Date.now();
      await setEpisodeStatus(root, "other", [1], "done", { now });
      expect(Date.now() - started).toBeLessThan(5_000);
      const episodes = (await readProgress(root)).episodes;
      expect(told.filter((n) => episodes.limu?.[n]?.status !== "done")).toEqual([]);
      expect(episodes.other?.[1]?.status).toBe("done");
      expect(() => readFileSync(lockPathOf(progress))).toThrow(/ENOENT/);
      passed++;
    }
    console.log(
      "reliability:",
      `writer SIGKILLed at a random moment: ${trials} trials, ${passed} passed (lock recovered, every update it was told of kept, file valid; killed after ${toldCounts.join("/")} of 54 updates)`,
    );
  }, 180_000);
});

describe("a note that is not UTF-8 (issue 14, item 5)", () => {
  const editorHash = async (n: number) => {
    const page = await send(server.port, `/_/edit?page=${encodeURIComponent(pageOf(n))}`, "GET");
    return /data-hash="([0-9a-f]{64})"/.exec(page.body)?.[1] ?? "";
  };

  it("asks before converting bytes of the body, then keeps the exact bytes as a revision", async () => {
    const file = notePath(7);
    const head = readFileSync(join(root, file), "utf8").split("\n---\n")[0] ?? "";
    // GBK for 残差 in the body: not UTF-8.
    const bytes = Buffer.concat([
      Buffer.from(`${head}\n---\nline one\n`),
      Buffer.from([0xb2, 0xd0, 0xb2, 0xee]),
      Buffer.from("\n"),
    ]);
    writeFileSync(join(root, file), bytes);
    const hash = await editorHash(7);
    // The editor's base is the hash of the bytes on disk, so the save is not a 409 forever.
    expect(hash).toBe(contentHash(bytes));

    const asked = await send(server.port, "/api/notes", "PUT", {
      page: pageOf(7),
      body: "edited",
      baseHash: hash,
    });
    expect(asked.status).toBe(422);
    const question = JSON.parse(asked.body);
    expect(question.notUtf8).toBe(true);
    expect(question.message).toContain(`${file}:${head.split("\n").length + 3}`);
    expect(readFileSync(join(root, file)).equals(bytes)).toBe(true);
    expect(() => readdirSync(join(root, "revisions", file))).toThrow(/ENOENT/);

    const converted = await send(server.port, "/api/notes", "PUT", {
      page: pageOf(7),
      body: "edited",
      baseHash: hash,
      convert: true,
    });
    expect(converted.status).toBe(200);
    expect(readFileSync(join(root, file), "utf8")).toBe(`${head}\n---\nedited\n`);
    const revisions = readdirSync(join(root, "revisions", file));
    expect(revisions).toHaveLength(1);
    expect(readFileSync(join(root, "revisions", file, revisions[0] ?? "")).equals(bytes)).toBe(
      true,
    );

    // Restoring it brings back the exact bytes, not U+FFFD.
    const restored = await send(server.port, "/api/restore", "POST", {
      file,
      revision: revisions[0],
    });
    expect(restored.status).toBe(200);
    expect(readFileSync(join(root, file)).equals(bytes)).toBe(true);
  });

  it("saves at once when the bytes that are not UTF-8 are in the front matter, keeping them", async () => {
    const file = notePath(8);
    const [head, body] = readFileSync(join(root, file), "utf8").split("\n---\n");
    const frontMatter = Buffer.concat([
      Buffer.from(`${head}\n# Latin-1: caf`),
      Buffer.from([0xe9]),
      Buffer.from("\n---\n"),
    ]);
    writeFileSync(join(root, file), Buffer.concat([frontMatter, Buffer.from(body ?? "")]));
    const saved = await send(server.port, "/api/notes", "PUT", {
      page: pageOf(8),
      body: "new body",
      baseHash: await editorHash(8),
    });
    expect(saved.status).toBe(200);
    expect(
      readFileSync(join(root, file)).equals(
        Buffer.concat([frontMatter, Buffer.from("new body\n")]),
      ),
    ).toBe(true);
  });
});
