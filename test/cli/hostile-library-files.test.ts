import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startServer } from "../../src/server/index.js";
import { runCliInProcess, tempDir } from "../support/run-cli.js";

/** `*a` repeated: one alias more than `yaml` expands before calling it a bomb. */
const aliases = (n: number) => Array.from({ length: n }, () => "*a").join(", ");

/**
 * Files a careless user or an attacker can leave in a library: each must be one file's problem,
 * named with its line, while every command goes on with the rest (issue 14, item 3).
 */
const HOSTILE: Record<string, { text: string | Buffer; rule: string; line: number }> = {
  "papers/alias-bomb.md": {
    text: `---\nshort: Bomb\na: &a [x, y]\nb: [${aliases(101)}]\n---\n`,
    rule: "yaml-aliases",
    line: 4,
  },
  "papers/deep-flow.md": {
    text: `---\nshort: Deep\nb: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n---\n`,
    rule: "yaml-too-deep",
    line: 3,
  },
  "papers/deep-block.md": {
    text: `---\nshort: Deeper\n${Array.from({ length: 3000 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")}\n---\n`,
    rule: "yaml-too-deep",
    line: 67,
  },
  "papers/a-list.md": {
    text: "---\n- short\n- Listed\n---\n",
    rule: "front-matter-not-mapping",
    line: 2,
  },
  "references.yaml": {
    text: `- &a { url: "https://a.example/", archive: "https://web.archive.org/x" }\n- [${aliases(150)}]\n`,
    rule: "yaml-aliases",
    line: 2,
  },
};

/** Bytes that are not UTF-8 (Latin-1 é and a lone 0xff) on lines 4 and 5 of the note. */
const LATIN1 = Buffer.concat([
  Buffer.from("---\nshort: Latin\n---\ncaf"),
  Buffer.from([0xe9]),
  Buffer.from(" au lait\nline "),
  Buffer.from([0xff]),
  Buffer.from("\n"),
]);

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: "127.0.0.1", port, path }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        body += c;
      });
      res.on("end", () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("a hostile file in a library is that file's problem", () => {
  it("status, doctor, search, build and serve name each with file:line and use the rest", async () => {
    const work = tempDir();
    expect((await runCliInProcess(["init", "lib"], { cwd: work })).code).toBe(0);
    const lib = join(work, "lib");
    writeFileSync(
      join(lib, "papers", "good.md"),
      "---\nshort: Good\nyear: 2015\n---\nhello 你好\n",
    );
    for (const [path, { text }] of Object.entries(HOSTILE)) writeFileSync(join(lib, path), text);
    writeFileSync(join(lib, "papers", "latin.md"), LATIN1);

    for (const args of [["status"], ["doctor"], ["build"]]) {
      const run = await runCliInProcess(args, { cwd: lib });
      const what = args.join(" ");
      expect(run.stderr, what).not.toMatch(/unexpected error|Excessive alias|call stack/i);
      // doctor exits 4 for a library with errors; the others go on and exit 0.
      expect(run.code, what).toBe(what === "doctor" ? 4 : 0);
      if (what !== "doctor") {
        // status and build show the first few problems and the count; doctor lists them all.
        expect(run.stderr, what).toContain("The library has 6 problems; the rest was used.");
        expect(run.stderr, what).toMatch(/^papers\/a-list\.md:2: error: /m);
        continue;
      }
      const said = run.stdout + run.stderr;
      for (const [path, { rule, line }] of Object.entries(HOSTILE)) {
        expect(said, path).toContain(`${path}:${line}: error: `);
        expect(said, path).toContain(`[${rule}]`);
      }
      expect(said).toContain("papers/latin.md:4: warning: ");
      expect(said).toContain("[not-utf8]");
    }
    expect((await runCliInProcess(["status"], { cwd: lib })).stdout).toMatch(/Papers: 2 in/);

    const search = await runCliInProcess(["search", "hello"], { cwd: lib });
    expect(search.code).toBe(0);
    expect(search.stdout).toContain("Good");
    expect(readFileSync(join(lib, "_site", "papers", "good", "index.html"), "utf8")).toContain(
      "hello 你好",
    );

    const server = await startServer({ root: lib, port: 0, now: () => new Date(), watch: false });
    try {
      const home = await get(server.port, "/");
      expect(home.status).toBe(200);
      const good = await get(server.port, "/papers/good/");
      expect(good.status).toBe(200);
      expect(good.body).toContain("hello 你好");
      expect((await get(server.port, "/papers/latin/")).status).toBe(200);
    } finally {
      await server.close();
    }
    // No load rewrote the file with U+FFFD in place of its bytes.
    expect(readFileSync(join(lib, "papers", "latin.md")).equals(LATIN1)).toBe(true);
  }, 60_000);
});

describe("an import of hostile or unmappable text", () => {
  const importText = async (name: string, content: string) => {
    const work = tempDir();
    writeFileSync(join(work, name), content);
    const lib = join(work, "lib");
    return {
      run: await runCliInProcess(["import", name, "--into", lib, "--course", "c"], { cwd: work }),
      lib,
    };
  };

  it("a valid U+FFFD after the first line is text: every episode is imported (item 6)", async () => {
    const text = "## 第一集 10:00\n\n笔记\n\n## 第二集 12:00\n\n这里有个 \uFFFD 字符\n";
    const { run, lib } = await importText("log.md", text);
    expect(run.stderr).not.toContain("not-text");
    expect(run.code).toBe(0);
    expect(readdirSync(join(lib, "courses", "c", "episodes"))).toEqual(["001.md", "002.md"]);
    expect(readFileSync(join(lib, "courses", "c", "episodes", "002.md"), "utf8")).toContain(
      "这里有个 \uFFFD 字符",
    );
  });

  it("bytes that are not UTF-8 refuse the file, naming the line of the first", async () => {
    const work = tempDir();
    const bytes = Buffer.concat([
      Buffer.from("## 一集 10:00\n\n笔记\ncaf"),
      Buffer.from([0xe9, 0x0a]),
    ]);
    writeFileSync(join(work, "latin.md"), bytes);
    const run = await runCliInProcess(["import", "latin.md", "--into", join(work, "lib")], {
      cwd: work,
    });
    expect(run.code).toBe(6);
    expect(run.stderr).toContain("latin.md:4: not UTF-8 text; nothing imported");
    expect(existsSync(join(work, "lib"))).toBe(false);
  });

  it("text with nothing to map fails with a message and exit 6, writing no library", async () => {
    const { run, lib } = await importText(
      "prose.md",
      "Just a paragraph.\n\n\uFFFD and more prose.\n",
    );
    expect(run.code).toBe(6);
    expect(run.stderr).toContain(
      "prose.md: no episodes, papers, notes or categories found; nothing imported",
    );
    expect(existsSync(lib)).toBe(false);
  });

  it("front matter that is an alias bomb is reported at its line; the episodes still import", async () => {
    const bomb = `---\na: &a [x, y]\nb: [${aliases(101)}]\ntitle: T\n---\n## 一集 10:00\n\n笔记\n`;
    const { run, lib } = await importText("bomb.md", bomb);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/bomb\.md:2: error: front matter repeats YAML aliases/);
    expect(readdirSync(join(lib, "courses", "c", "episodes"))).toEqual(["001.md"]);
  });
});
