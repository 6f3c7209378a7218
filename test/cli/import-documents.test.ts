/**
 * `jingdu import` on every kind of document in test/fixtures/import, as a user runs it: the kind
 * is named, a second import changes nothing, unsupported or unmappable text is refused with
 * exit ≠ 0 and no library, a notes post is published with its formulas, --dry-run writes nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runJingdu, tempDir } from "../support/run-cli.js";
import { REPO } from "../support/shared-files.js";

const DIR = join(REPO, "test", "fixtures", "import");
const IMPORTABLE: [string, string][] = [
  ["course-log-calculus.md", "course log"],
  ["course-log-ml.md", "course log"],
  ["course-log-english.md", "course log"],
  ["notes-mle.md", "notes post"],
  ["notes-roadmap.md", "notes post"],
  ["papers-bullets.md", "paper list"],
  ["papers-numbered.md", "paper list"],
  ["papers-table.md", "paper list"],
  ["papers-zh-roadmap.md", "paper list"],
  ["study-log-small.md", "study log"],
  ["refs.bib", "BibTeX"],
  ["refs-csl.json", "CSL-JSON"],
  ["refs.ris", "RIS"],
];

describe("jingdu import of every kind of document", () => {
  for (const [file, kindName] of IMPORTABLE) {
    it(`${file}: imported as a ${kindName}; importing it again changes nothing`, () => {
      const work = tempDir();
      const lib = join(work, "lib");
      const first = runJingdu(["import", join(DIR, file), "--into", lib, "--json"], { cwd: work });
      expect(first.code, first.stderr).toBe(0);
      const report = JSON.parse(first.stdout);
      expect(report.kindName).toBe(kindName);
      expect(report.coverage.textLines).toBeGreaterThan(0);
      const made = report.papers.created + report.episodes.created + (report.course ? 1 : 0);
      expect(made).toBeGreaterThan(0);
      const again = runJingdu(["import", join(DIR, file), "--into", lib, "--json"], { cwd: work });
      expect(again.code, again.stderr).toBe(0);
      const second = JSON.parse(again.stdout);
      for (const kind of ["papers", "episodes"] as const) {
        expect(second[kind]).toMatchObject({ created: 0, updated: 0, conflicts: 0 });
      }
    });
  }

  for (const [file, name] of [["measurements.csv", ""]] as const) {
    it(`${file}: refused with exit 6 and no library${name ? `, named ${name}` : ""}`, () => {
      const work = tempDir();
      const lib = join(work, "lib");
      const r = runJingdu(["import", join(DIR, file), "--into", lib], { cwd: work });
      expect(r.code).toBe(6);
      expect(r.stderr).toContain(
        name ? `this is ${name}; importing ${name} is not supported yet` : "nothing imported",
      );
      expect(existsSync(join(lib, "jingdu.yaml"))).toBe(false);
    });
  }

  it("a notes post becomes a course note whose page renders its formulas with KaTeX", () => {
    const work = tempDir();
    const lib = join(work, "lib");
    const r = runJingdu(["import", join(DIR, "notes-mle.md"), "--into", lib], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("(a notes post)");
    expect(r.stdout).toContain("1 course note");
    const built = runJingdu(["build", "--out", join(work, "site")], { cwd: lib });
    expect(built.code, built.stderr).toBe(0);
    const page = readFileSync(join(work, "site", "courses", "notes-mle", "index.html"), "utf8");
    expect(page).toContain("极大似然估计的推导");
    expect(page).toContain('class="katex-display"');
    expect(page).toContain("\\prod_{i=1}^{n}");
    const found = runJingdu(["search", "交叉熵", "--json"], { cwd: lib });
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toContain("notes-mle");
  });

  it("--assets DIR copies site-relative images into files/ and links them; without it they are reported", () => {
    const work = tempDir();
    const blog = join(work, "blog");
    mkdirSync(join(blog, "assets", "images", "mle"), { recursive: true });
    writeFileSync(join(blog, "assets", "images", "mle", "likelihood.png"), "PNG bytes");
    const lib = join(work, "lib");
    const note = join(DIR, "notes-mle.md");
    const r = runJingdu(["import", note, "--into", lib, "--assets", blog], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("1 copied into files/");
    const copied = join(lib, "files", "assets", "images", "mle", "likelihood.png");
    expect(readFileSync(copied, "utf8")).toBe("PNG bytes");
    const course = readFileSync(join(lib, "courses", "notes-mle", "course.md"), "utf8");
    expect(course).toContain("](files/assets/images/mle/likelihood.png)");
    expect(course).not.toContain("](/assets/");

    const bare = runJingdu(["import", note, "--into", join(work, "lib2")], { cwd: work });
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stderr).toContain(
      "notes-mle.md:23: warning: image /assets/images/mle/likelihood.png is a path on the blog's site",
    );
  });

  it("--dry-run prints the kind and the parts and writes nothing", () => {
    const work = tempDir();
    const lib = join(work, "lib");
    const r = runJingdu(["import", join(DIR, "papers-bullets.md"), "--into", lib, "--dry-run"], {
      cwd: work,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("as a paper list (dry run: nothing written)");
    expect(r.stdout).toMatch(/papers\s+6/);
    expect(r.stderr).toContain("papers-bullets.md:3: warning: text not imported");
    expect(existsSync(lib)).toBe(false);
    expect(readdirSync(work)).toEqual([]);
  });
});
