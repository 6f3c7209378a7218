/**
 * `jingdu import URL` through the safe fetcher, against a local static server on 127.0.0.1 (no
 * traffic leaves the machine), and `import --again NAME` reading the remembered source again.
 */
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess, tempDir } from "../support/run-cli.js";
import { REPO } from "../support/shared-files.js";
import { type StaticServer, startStaticServer } from "../support/static-server.js";

describe("jingdu import URL and --again", () => {
  let server: StaticServer;
  let served: string;
  beforeAll(async () => {
    served = tempDir();
    mkdirSync(join(served, "lists"));
    copyFileSync(
      join(REPO, "test", "fixtures", "import", "papers-bullets.md"),
      join(served, "lists", "papers.md"),
    );
    server = await startStaticServer(served);
  });
  afterAll(() => server.close());

  it("refuses a loopback address unless allowed, then imports it and remembers the source", async () => {
    const work = tempDir();
    const lib = join(work, "lib");
    const url = `${server.url}/lists/papers.md`;
    const refused = await runCliInProcess(["import", url, "--into", lib], { cwd: work });
    expect(refused.code).toBe(6);
    expect(refused.stderr).toContain(url);

    const run = await runCliInProcess(
      ["import", url, "--into", lib, "--allow-host", "127.0.0.1", "--json"],
      { cwd: work },
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.kindName).toBe("paper list");
    expect(report.papers.created).toBe(6);
    const manifest = readFileSync(join(lib, "imports", "lists-papers-md.yaml"), "utf8");
    expect(manifest).toContain(`url: ${url}`);
    expect(manifest).toContain(`origin: ${server.url}/lists/`);

    // The list grows, and the person edits one paper: --again adds the new one, keeps the edit.
    appendFileSync(
      join(served, "lists", "papers.md"),
      "- **Batch normalization** (2015), S. Ioffe et al. [[pdf]](http://arxiv.org/pdf/1502.03167)\n",
    );
    const edited = join(lib, "papers", "fast-r-cnn.md");
    writeFileSync(edited, `${readFileSync(edited, "utf8")}\nMy own note.\n`);
    const again = await runCliInProcess(
      [
        "import",
        "--again",
        "lists-papers-md",
        "--into",
        lib,
        "--allow-host",
        "127.0.0.1",
        "--json",
      ],
      { cwd: work },
    );
    // The edited paper is kept, not overwritten; the list brings the same version of it as
    // before, so there is nothing to decide: no conflict (exit 0).
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.papers).toMatchObject({ created: 1, updated: 0, unchanged: 6, conflicts: 0 });
    expect(second.conflicts).toEqual([]);
    expect(readFileSync(edited, "utf8")).toContain("My own note.");
    expect(readFileSync(join(lib, "papers", "batch-normalization.md"), "utf8")).toContain(
      'arxiv: "1502.03167"',
    );
  });

  it("--again with a name no import remembers: exit 6 and why", async () => {
    const work = tempDir();
    const lib = join(work, "lib");
    const first = await runCliInProcess(
      ["import", join(REPO, "test", "fixtures", "import", "notes-roadmap.md"), "--into", lib],
      { cwd: work },
    );
    expect(first.code, first.stderr).toBe(0);
    const r = await runCliInProcess(["import", "--again", "nothing-here", "--into", lib], {
      cwd: work,
    });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain("no import named nothing-here remembers its source");
  });
});
