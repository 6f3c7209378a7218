import { compareDiagnostics, type Diagnostic, idKeysOf, normalizeTitle } from "../core/index.js";
import { checkNoteLinks } from "./check-note-links.js";
import { coursePath, episodePath, LIBRARY_FILES, paperPath } from "./library-layout.js";
import type { LoadedLibrary } from "./load-library.js";

/**
 * Problems that span files: duplicate ids, references to papers/categories/episodes that do not
 * exist, progress for missing items. Each has file, line and a hint. (Problems inside one file —
 * invalid YAML, a bad runtime or date — are already in `loaded.diagnostics`.)
 * @example const problems = [...loaded.diagnostics, ...checkLibrary(loaded)]
 */
export function checkLibrary(loaded: LoadedLibrary): Diagnostic[] {
  const { library, sources } = loaded;
  const out: Diagnostic[] = [];
  const lineOf = (file: string, path: string): number => {
    const lines = sources.get(file)?.lines ?? {};
    return lines[path] ?? lines[path.split(".")[0] ?? ""] ?? 1;
  };
  const report = (d: Omit<Diagnostic, "level"> & { level?: Diagnostic["level"] }): void => {
    out.push({ level: "error", ...d });
  };

  // Ids declared in front matter that differ from the file or folder name.
  const declaredPapers = new Map<string, string[]>();
  for (const paper of library.papers) {
    const file = paperPath(paper.id);
    const declared = sources.get(file)?.declaredId;
    if (declared === undefined || declared === paper.id) continue;
    report({
      rule: "id-mismatch",
      message: `front matter says \`id: ${declared}\` but the file name gives \`${paper.id}\``,
      file,
      line: lineOf(file, "id"),
      hint: `The file name is the id: remove \`id:\` or rename the file to ${declared}.md.`,
    });
    declaredPapers.set(declared, [...(declaredPapers.get(declared) ?? []), file]);
  }
  const paperIds = new Set(library.papers.map((p) => p.id));
  for (const [id, files] of declaredPapers) {
    const holders = paperIds.has(id) ? [paperPath(id), ...files] : files;
    if (holders.length < 2) continue;
    for (const file of files) {
      report({
        rule: "duplicate-id",
        message: `two papers claim the id \`${id}\`: ${holders.join(", ")}`,
        file,
        line: lineOf(file, "id"),
        hint: "Give each paper its own id (file name), or merge the duplicates into one file.",
      });
    }
  }
  for (const course of library.courses) {
    const file = coursePath(course.id);
    const declared = sources.get(file)?.declaredId;
    if (declared !== undefined && declared !== course.id) {
      report({
        rule: "id-mismatch",
        message: `front matter says \`id: ${declared}\` but the folder name gives \`${course.id}\``,
        file,
        line: lineOf(file, "id"),
        hint: "The folder name is the course id: remove `id:` or rename the folder.",
      });
    }
  }

  // The same work twice: any id in common (arXiv without its version, DOI in any case, S2 id,
  // CorpusId, DBLP), else a title equal after normalizing. Both files are named.
  const idNames: Record<string, string> = {
    arxiv: "arXiv id",
    doi: "DOI",
    s2: "Semantic Scholar id",
    corpusId: "CorpusId",
    dblp: "DBLP key",
  };
  const seenIds = new Map<string, string>();
  const seenTitles = new Map<string, string>();
  for (const paper of library.papers) {
    const file = paperPath(paper.id);
    let reported = false;
    for (const { kind, key } of idKeysOf(paper.ids)) {
      const first = seenIds.get(key);
      if (first === undefined) {
        seenIds.set(key, paper.id);
        continue;
      }
      if (first === paper.id || reported) continue;
      reported = true;
      report({
        rule: "duplicate-paper",
        message: `${idNames[kind] ?? kind} ${String(paper.ids[kind as keyof typeof paper.ids])} is also the one of \`${first}\` (${paperPath(first)}): probably the same paper as ${file}`,
        file,
        line: lineOf(file, `ids.${kind}`),
        hint: `Merge them: \`jingdu merge ${first} ${paper.id}\` keeps ${paperPath(first)} (notes, progress, reviews and links move to it).`,
      });
    }
    const title = paper.title ? normalizeTitle(paper.title) : "";
    if (title.length < 12) continue;
    const first = seenTitles.get(title);
    if (first === undefined) seenTitles.set(title, paper.id);
    else if (!reported) {
      report({
        rule: "duplicate-paper",
        message: `the title "${paper.title}" is also the one of \`${first}\` (${paperPath(first)}): probably the same paper as ${file}`,
        file,
        line: lineOf(file, "title"),
        hint: `Merge them: \`jingdu merge ${first} ${paper.id}\` keeps ${paperPath(first)} (notes, progress, reviews and links move to it).`,
      });
    }
  }

  // Categories: duplicates in categories.yaml, papers in unknown categories.
  const categoryIds = new Map<string, number>();
  const aliases = new Map<string, string>();
  for (const [i, category] of library.categories.entries()) {
    for (const name of [category.id, ...(category.aliases ?? [])]) {
      const isId = name === category.id;
      if (categoryIds.has(name) || aliases.has(name)) {
        report({
          rule: "duplicate-category",
          message: `category ${isId ? "id" : "alias"} \`${name}\` appears twice`,
          file: LIBRARY_FILES.categories,
          line: lineOf(LIBRARY_FILES.categories, isId ? `${i}.id` : `${i}.aliases`),
          hint: "Keep one entry per category; merge their papers under one id.",
        });
      } else if (isId) categoryIds.set(name, i);
      else aliases.set(name, category.id);
    }
  }
  for (const paper of library.papers) {
    const file = paperPath(paper.id);
    for (const [i, id] of paper.categories.entries()) {
      if (categoryIds.has(id)) continue;
      const canonical = aliases.get(id);
      report({
        level: "warning",
        rule: canonical ? "category-alias" : "category-unknown",
        message: canonical
          ? `category \`${id}\` is an alias of \`${canonical}\``
          : `category \`${id}\` is not in categories.yaml`,
        file,
        line: lineOf(file, `categories.${i}`),
        hint: canonical
          ? `Write \`${canonical}\` so counts by category include this paper.`
          : "Add it to categories.yaml or use an existing category id.",
      });
    }
  }

  // Courses: duplicate numbers, file name ≠ number, papers that do not exist.
  for (const course of library.courses) {
    const byNumber = new Map<number, string>();
    for (const episode of course.episodes) {
      const file = episode.at?.file ?? episodePath(course.id, episode.number);
      const other = byNumber.get(episode.number);
      if (other !== undefined) {
        report({
          rule: "duplicate-episode",
          message: `episode number ${episode.number} is also used by ${other}`,
          file,
          line: lineOf(file, "number"),
          hint: "Each episode of a course needs its own number (its place in the series).",
        });
      } else byNumber.set(episode.number, file);
      const fileNumber = sources.get(file)?.fileNumber;
      if (fileNumber !== undefined && fileNumber !== episode.number) {
        report({
          level: "warning",
          rule: "episode-file-name",
          message: `file name says ${fileNumber} but \`number: ${episode.number}\``,
          file,
          line: lineOf(file, "number"),
          hint: `\`number\` wins; rename the file to ${episodePath(course.id, episode.number).split("/").pop()}.`,
        });
      }
      for (const [i, paperId] of episode.papers.entries()) {
        if (paperIds.has(paperId)) continue;
        report({
          rule: "paper-missing",
          message: `episode ${course.id}/${episode.number} covers paper \`${paperId}\`, which does not exist`,
          file,
          line: lineOf(file, `papers.${i}`),
          hint: `Add ${paperPath(paperId)}, or fix the id in \`papers:\`.`,
        });
      }
    }
  }

  // Progress for things that do not exist.
  const progressFile = LIBRARY_FILES.progress;
  const courses = new Map(
    library.courses.map((c) => [c.id, new Set(c.episodes.map((e) => e.number))]),
  );
  for (const [courseId, byNumber] of Object.entries(library.progress.episodes)) {
    const numbers = courses.get(courseId);
    for (const n of Object.keys(byNumber)) {
      if (numbers?.has(Number(n))) continue;
      report({
        level: "warning",
        rule: "progress-orphan",
        message: numbers
          ? `progress for episode ${courseId}/${n}, which does not exist`
          : `progress for course \`${courseId}\`, which does not exist`,
        file: progressFile,
        line: lineOf(progressFile, numbers ? `episodes.${courseId}.${n}` : `episodes.${courseId}`),
        hint: "Remove the entry, or restore the episode it belongs to.",
      });
      if (!numbers) break;
    }
  }
  for (const paperId of Object.keys(library.progress.papers)) {
    if (paperIds.has(paperId)) continue;
    report({
      level: "warning",
      rule: "progress-orphan",
      message: `progress for paper \`${paperId}\`, which does not exist`,
      file: progressFile,
      line: lineOf(progressFile, `papers.${paperId}`),
      hint: "Remove the entry, or restore the paper it belongs to.",
    });
  }
  // Notes' `[[links]]` and citations that name no item, as `build` reports them.
  out.push(...checkNoteLinks(library));
  return out.sort(compareDiagnostics);
}
