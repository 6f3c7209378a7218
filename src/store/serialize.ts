import {
  type Category,
  type Course,
  type Episode,
  formatRuntime,
  type Library,
  type LibrarySettings,
  type Paper,
  type Progress,
  type ReferenceLink,
} from "../core/index.js";
import { compactData, stringifyFrontMatter } from "./front-matter.js";
import { coursePath, episodePath, LIBRARY_FILES, paperPath } from "./library-layout.js";
import { stringifyYaml } from "./yaml-document.js";

// Key order in every object below is the order of docs/library-format.md.

/** `jingdu.yaml`. */
export function serializeSettings(settings: LibrarySettings): string {
  return stringifyYaml(
    compactData({
      title: settings.title,
      language: settings.language,
      version: settings.version,
      description: settings.description,
    }),
  );
}

/** `categories.yaml`, in catalog order. */
export function serializeCategories(categories: readonly Category[]): string {
  if (categories.length === 0) return "[]\n";
  const ordered = [...categories].sort((a, b) => a.order - b.order);
  return stringifyYaml(
    ordered.map((c) => compactData({ id: c.id, name: c.name, aliases: c.aliases })),
  );
}

/** `papers/<id>.md`. The id is the file name, so it is not repeated in the front matter. */
export function serializePaper(paper: Paper): string {
  return stringifyFrontMatter(
    {
      short: paper.short,
      title: paper.title,
      year: paper.year,
      venue: paper.venue,
      authors: paper.authors,
      ids: {
        arxiv: paper.ids.arxiv,
        doi: paper.ids.doi,
        s2: paper.ids.s2,
        corpusId: paper.ids.corpusId,
        dblp: paper.ids.dblp,
      },
      links: paper.links.map((l) => ({ url: l.url, kind: l.kind })),
      categories: paper.categories,
      summary: paper.summary,
      covered: paper.covered ? true : undefined,
      unresolved: paper.unresolved,
    },
    paper.notes,
  );
}

/** `courses/<id>/course.md` (episodes are files of their own). */
export function serializeCourse(course: Omit<Course, "episodes">): string {
  return stringifyFrontMatter(
    {
      title: course.title,
      source: { kind: course.source.kind, id: course.source.id, url: course.source.url },
      tags: course.tags,
      links: course.links,
      state: course.state,
    },
    course.notes,
  );
}

/** `courses/<course>/episodes/<NNN>.md`. */
export function serializeEpisode(episode: Episode): string {
  return stringifyFrontMatter(
    {
      number: episode.number,
      title: episode.title,
      label: episode.label,
      runtime: episode.runtime === undefined ? undefined : formatRuntime(episode.runtime),
      date: episode.date,
      videos: episode.videos.map((v) => ({ site: v.site, id: v.id, part: v.part, url: v.url })),
      papers: episode.papers,
      mentions: episode.mentions,
    },
    episode.notes,
  );
}

/** `progress.yaml`; episode numbers are written as numbers (`7: { status: done }`). */
export function serializeProgress(progress: Progress): string {
  const episodes = new Map<string, Map<number, unknown>>();
  for (const courseId of Object.keys(progress.episodes).sort()) {
    const byNumber = progress.episodes[courseId] ?? {};
    const entries = Object.keys(byNumber)
      .map(Number)
      .sort((a, b) => a - b)
      .map((n): [number, unknown] => {
        const e = byNumber[n];
        return [
          n,
          compactData({
            status: e?.status,
            date: e?.date,
            position: e?.position === undefined ? undefined : formatRuntime(e.position),
          }),
        ];
      });
    if (entries.length > 0) episodes.set(courseId, new Map(entries));
  }
  const papers = new Map<string, unknown>();
  for (const paperId of Object.keys(progress.papers).sort()) {
    const p = progress.papers[paperId];
    if (!p) continue;
    papers.set(paperId, {
      passes: p.passes.map((x) => ({ pass: x.pass, date: x.date })),
      sections: p.sections,
      ...(p.value ? { value: { ...p.value } } : {}),
    });
  }
  return stringifyYaml({ episodes, papers });
}

/** `references.yaml`. */
export function serializeReferences(references: readonly ReferenceLink[]): string {
  if (references.length === 0) return "[]\n";
  return stringifyYaml(
    references.map((r) => compactData({ url: r.url, archived: r.archived, origin: r.origin })),
  );
}

/** The parts of a library to write; each part present becomes its file(s). */
export type LibraryParts = Partial<Library>;

/**
 * Every file of the format for the parts given, as path (relative, `/`-separated) → content.
 * `loadLibrary` of these files gives the same library back.
 * @example libraryFiles({ papers: [resnet] }) // Map { "papers/resnet.md" => "---\nshort: ResNet…" }
 */
export function libraryFiles(lib: LibraryParts): Map<string, string> {
  const files = new Map<string, string>();
  if (lib.settings) files.set(LIBRARY_FILES.settings, serializeSettings(lib.settings));
  if (lib.categories) files.set(LIBRARY_FILES.categories, serializeCategories(lib.categories));
  for (const paper of lib.papers ?? []) files.set(paperPath(paper.id), serializePaper(paper));
  for (const course of lib.courses ?? []) {
    const { episodes, ...head } = course;
    files.set(coursePath(course.id), serializeCourse(head));
    for (const episode of episodes) {
      files.set(episodePath(course.id, episode.number), serializeEpisode(episode));
    }
  }
  if (lib.progress) files.set(LIBRARY_FILES.progress, serializeProgress(lib.progress));
  if (lib.references) files.set(LIBRARY_FILES.references, serializeReferences(lib.references));
  return files;
}
