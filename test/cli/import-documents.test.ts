/**
 * `jingdu import` on every kind of document in test/fixtures/import, as a user runs it: the kind
 * is named, a second import changes nothing, unsupported or unmappable text is refused with
 * exit ≠ 0 and no library, a notes post is published with its formulas, --dry-run writes nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runJingdu, tempDir } from "../support/run-cli.js";
import { REPO, SHARED } from "../support/shared-files.js";

const DIR = join(REPO, "test", "fixtures", "import");
const MLI = join(SHARED, "fixtures", "lists", "mli-paper-reading-README.md");
const IMPORTABLE: [string, string][] = [
  ["course-log-calculus.md", "course log"],
  ["course-log-ml.md", "course log"],
  ["course-log-english.md", "course log"],
  ["course-log-parts.md", "course log"],
  ["course-log-paren-runtimes.md", "course log"],
  ["course-log-table.md", "study log"],
  ["course-log-checklist.md", "course log"],
  ["course-log-check-marks.md", "course log"],
  ["course-log-worded-runtimes.md", "course log"],
  ["notes-mle.md", "notes post"],
  ["notes-roadmap.md", "notes post"],
  ["notes-jekyll-liquid.md", "notes post"],
  ["papers-bullets.md", "paper list"],
  ["papers-awesome-nested.md", "paper list"],
  ["papers-numbered.md", "paper list"],
  ["papers-italic-authors.md", "paper list"],
  ["papers-zh-book-quotes.md", "paper list"],
  ["papers-table-br-authors.md", "paper list"],
  ["papers-daily-headings.md", "paper list"],
  ["papers-checklist.md", "paper list"],
  ["papers-table.md", "paper list"],
  ["papers-weekly-dates.md", "paper list"],
  ["papers-apa-dois.md", "paper list"],
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
      expect(second.changed).toEqual([]);
      expect(second.categories.created).toBe(0);
    });
  }

  it.skipIf(!existsSync(MLI))(
    "the mli list: 59 episodes and 90 papers; importing it again changes nothing",
    () => {
      const work = tempDir();
      const lib = join(work, "lib");
      const args = ["import", MLI, "--into", lib, "--course", "limu", "--json"];
      const first = runJingdu(args, { cwd: work });
      expect(first.code, first.stderr).toBe(0);
      const report = JSON.parse(first.stdout);
      expect(report.kindName).toBe("study log");
      expect(report.episodes.created).toBe(59);
      expect(report.papers.created).toBe(90);
      const again = JSON.parse(runJingdu(args, { cwd: work }).stdout);
      expect(again.episodes).toMatchObject({ created: 0, updated: 0, unchanged: 59, conflicts: 0 });
      expect(again.papers).toMatchObject({ created: 0, updated: 0, unchanged: 90, conflicts: 0 });
      expect(again.changed).toEqual([]);
    },
  );

  it("a paper list's introduction and category blurbs are shown on the home and category pages", () => {
    const work = tempDir();
    const lib = join(work, "lib");
    const list = join(DIR, "papers-awesome-nested.md");
    const r = runJingdu(["import", list, "--into", lib], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("text not imported");
    expect(readFileSync(join(lib, "jingdu.yaml"), "utf8")).toContain(
      "A curated list of self-supervised methods.",
    );
    expect(readFileSync(join(lib, "categories.yaml"), "utf8")).toContain(
      "description: Methods that learn visual features without labels.",
    );
    const built = runJingdu(["build", "--out", join(work, "site")], { cwd: lib });
    expect(built.code, built.stderr).toBe(0);
    const home = readFileSync(join(work, "site", "index.html"), "utf8");
    expect(home).toContain("<p>A curated list of self-supervised methods.");
    expect(home).toContain('src="https://img.shields.io/badge/License-CC0-lightgrey.svg"');
    const category = readFileSync(
      join(work, "site", "categories", "computer-vision", "index.html"),
      "utf8",
    );
    expect(category).toContain("<p>Methods that learn visual features without labels.</p>");

    // A second list into the same library: its introduction does not replace the first one's,
    // and the report says so.
    const other = runJingdu(["import", join(DIR, "papers-bullets.md"), "--into", lib], {
      cwd: work,
    });
    expect(other.code, other.stderr).toBe(0);
    expect(other.stderr).toContain("jingdu.yaml has a description already");
    expect(readFileSync(join(lib, "jingdu.yaml"), "utf8")).not.toContain("most cited");
  });

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
    // A new library of a Chinese document speaks Chinese (its language is the document's).
    expect(r.stdout).toContain("（笔记文章）");
    expect(r.stdout).toContain("1 篇课程笔记");
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
    expect(r.stdout).toContain("复制到 files/ 1 张");
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
    // Its introduction (line 3) is the library's description now: nothing is left to name.
    expect(r.stdout).toMatch(/coverage {2}\d+ lines with text: .*, 0 named in the report/);
    expect(r.stderr).not.toContain("text not imported");
    expect(existsSync(lib)).toBe(false);
    expect(readdirSync(work)).toEqual([]);
  });
});
