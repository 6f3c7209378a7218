/**
 * Changes to a library folder on disk, one of each kind a person or a command makes: every field
 * of a paper, course and episode, a note's body, settings, categories, references, progress,
 * reviews, fetched metadata, files/, transcripts, snapshots, and adding and deleting items. Each returns the
 * paths it changed (what the watcher would report). For the incremental build's property test.
 */
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  type Course,
  type Episode,
  type Library,
  type Paper,
  serializeTranscript,
  transcriptPath,
} from "../../src/core/index.js";
import { makePaper } from "../../src/core/make-items.js";
import { coursePath, episodePath, paperPath } from "../../src/store/library-layout.js";
import {
  serializeCategories,
  serializeCourse,
  serializeEpisode,
  serializePaper,
  serializeProgress,
  serializeReferences,
  serializeSettings,
} from "../../src/store/serialize.js";

/** A value drawn for a change (the property test's random numbers). */
export type Pick = (n: number) => number;

export type Mutation = (root: string, library: Library, pick: Pick) => string[];

const write = (root: string, rel: string, text: string | Uint8Array) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
  return [rel];
};
const one = <T>(list: readonly T[], pick: Pick): T | undefined => list[pick(list.length)];

/** The URL every snapshot change is about: ResNet's link (see `prepareLibrary`). */
export const RESNET_URL = "https://arxiv.org/abs/1512.03385";

const paperChanges: Record<string, (p: Paper, lib: Library, pick: Pick) => Paper> = {
  title: (p, _, n) => ({ ...p, title: `Title ${n(100)}` }),
  short: (p, _, n) => ({ ...p, short: `${p.short}-${n(100)}` }),
  year: (p, _, n) => ({ ...p, year: 2000 + n(24) }),
  venue: (p, _, n) => ({ ...p, venue: `Venue ${n(9)}` }),
  authors: (p, _, n) => ({ ...p, authors: [`Author ${n(50)}`, "Kaiming He"] }),
  ids: (p, _, n) => ({ ...p, ids: { arxiv: `2101.${String(10000 + n(9999))}` } }),
  links: (p, _, n) => ({ ...p, links: [{ url: `https://example.org/${n(5)}`, kind: "code" }] }),
  categories: (p, lib, n) => ({
    ...p,
    categories: [lib.categories[n(lib.categories.length)]?.id ?? "x"],
  }),
  summary: (p, _, n) => ({ ...p, summary: `Summary ${n(100)}` }),
  covered: (p) => ({ ...p, covered: !p.covered }),
  notes: (p, lib, n) => ({ ...p, notes: noteBody(lib, n) }),
};

const courseChanges: Record<string, (c: Course, pick: Pick) => Omit<Course, "episodes">> = {
  title: (c, n) => ({ ...c, title: `Course ${n(100)}` }),
  tags: (c, n) => ({ ...c, tags: [`tag${n(5)}`] }),
  links: (c, n) => ({ ...c, links: [`https://example.com/c/${n(5)}`] }),
  state: (c, n) => ({ ...c, state: (["in-progress", "finished", "paused"] as const)[n(3)] }),
  notes: (c, n) => ({ ...c, notes: `Course note ${n(100)} with $a^${n(9)}$.` }),
};

const episodeChanges: Record<string, (e: Episode, lib: Library, pick: Pick) => Episode> = {
  title: (e, _, n) => ({ ...e, title: `Episode ${n(100)}` }),
  label: (e, _, n) => ({ ...e, label: `P${n(30)}` }),
  runtime: (e, _, n) => ({ ...e, runtime: 60 + n(3600) }),
  date: (e, _, n) => ({ ...e, date: `2022-0${1 + n(9)}-1${n(9)}` }),
  videos: (e, _, n) => ({
    ...e,
    videos: [{ site: "youtube", id: `yt${n(99)}`, url: `https://youtu.be/yt${n(99)}` }],
  }),
  papers: (e, lib, n) => ({ ...e, papers: [lib.papers[n(lib.papers.length)]?.id ?? "resnet"] }),
  mentions: (e, _, n) => ({ ...e, mentions: [`Mentioned work ${n(10)}`] }),
  notes: (e, lib, n) => ({ ...e, notes: noteBody(lib, n) }),
};

/** A note that links an item, shows an image, cites URLs and has math. */
function noteBody(lib: Library, n: Pick): string {
  const target = lib.papers[n(lib.papers.length)]?.id ?? "resnet";
  const image = ["residual-block.svg", "added.svg", "missing.svg"][n(3)];
  return [
    `Edited ${n(1000)}: see [[${target}]] and [the paper](${RESNET_URL}).`,
    "",
    `![figure](files/${image})`,
    "",
    `$$\\sum_{i=1}^{${n(9)}} x_i$$`,
    "",
    `Also [a page](/papers/${target}/) and [gone](/papers/nothing-${n(3)}/).`,
    "",
    // A citation and a tag: they change the cited page's backlinks and the item's tags.
    `As [see @${lib.papers[n(lib.papers.length)]?.id ?? "resnet"}, p. ${n(9)}] shows. #tag${n(3)}`,
  ].join("\n");
}

const paperFile = (root: string, p: Paper) => write(root, paperPath(p.id), serializePaper(p));

/** Every kind of change, by name. */
export const MUTATIONS: Record<string, Mutation> = {
  ...Object.fromEntries(
    Object.entries(paperChanges).map(([field, change]) => [
      `paper.${field}`,
      (root: string, lib: Library, n: Pick) => {
        const p = one(lib.papers, n);
        return p ? paperFile(root, change(p, lib, n)) : [];
      },
    ]),
  ),
  ...Object.fromEntries(
    Object.entries(courseChanges).map(([field, change]) => [
      `course.${field}`,
      (root: string, lib: Library, n: Pick) => {
        const c = one(lib.courses, n);
        return c ? write(root, coursePath(c.id), serializeCourse(change(c, n))) : [];
      },
    ]),
  ),
  ...Object.fromEntries(
    Object.entries(episodeChanges).map(([field, change]) => [
      `episode.${field}`,
      (root: string, lib: Library, n: Pick) => {
        const e = one(
          lib.courses.flatMap((c) => c.episodes),
          n,
        );
        if (!e) return [];
        return write(root, episodePath(e.courseId, e.number), serializeEpisode(change(e, lib, n)));
      },
    ]),
  ),
  "settings.title": (root, lib, n) =>
    write(root, "jingdu.yaml", serializeSettings({ ...lib.settings, title: `Library ${n(9)}` })),
  "settings.language": (root, lib) =>
    write(
      root,
      "jingdu.yaml",
      serializeSettings({
        ...lib.settings,
        language: lib.settings.language === "zh" ? "en" : "zh",
      }),
    ),
  "settings.description": (root, lib, n) =>
    write(
      root,
      "jingdu.yaml",
      serializeSettings({ ...lib.settings, description: `About ${n(9)}` }),
    ),
  "categories.rename": (root, lib, n) =>
    write(
      root,
      "categories.yaml",
      serializeCategories(
        lib.categories.map((c, i) => (i === n(3) ? { ...c, name: `${c.name}!` } : c)),
      ),
    ),
  "categories.add": (root, lib, n) =>
    write(
      root,
      "categories.yaml",
      serializeCategories([
        ...lib.categories,
        { id: `new-${n(99)}`, name: "New", order: lib.categories.length },
      ]),
    ),
  "references.origin": (root, lib, n) =>
    write(
      root,
      "references.yaml",
      serializeReferences(
        lib.references.map((r) => (r.url === RESNET_URL ? { ...r, origin: `origin ${n(99)}` } : r)),
      ),
    ),
  "references.add": (root, lib, n) =>
    write(
      root,
      "references.yaml",
      serializeReferences([
        ...lib.references,
        {
          url: `https://example.org/${n(5)}`,
          archived: "https://web.archive.org/x",
          origin: "added",
        },
      ]),
    ),
  "progress.episode": (root, lib, n) => {
    const e = one(
      lib.courses.flatMap((c) => c.episodes),
      n,
    );
    if (!e) return [];
    const progress = structuredClone(lib.progress);
    const status = (["done", "watching", "skipped", "todo"] as const)[n(4)] ?? "done";
    progress.episodes[e.courseId] = {
      ...progress.episodes[e.courseId],
      [e.number]: { status, date: `2024-07-0${1 + n(9)}`, position: n(300) },
    };
    return write(root, "progress.yaml", serializeProgress(progress));
  },
  "progress.paper": (root, lib, n) => {
    const p = one(lib.papers, n);
    if (!p) return [];
    const progress = structuredClone(lib.progress);
    progress.papers[p.id] = {
      passes: [{ pass: (1 + n(3)) as 1 | 2 | 3, date: "2024-07-01" }],
      sections: [],
    };
    return write(root, "progress.yaml", serializeProgress(progress));
  },
  "reviews.card": (root, lib, n) => {
    const p = one(lib.papers, n);
    const at = "2024-07-01T00:00:00.000Z";
    return write(
      root,
      "reviews.yaml",
      `cards:\n  paper:${p?.id ?? "resnet"}:\n    added: 2024-07-01\n    due: ${at}\n    stability: ${1 + n(5)}\n    difficulty: 5\n    reps: 1\n    lapses: 0\n    state: review\n    learningSteps: 0\n    scheduledDays: 1\n    log: []\n`,
    );
  },
  "metadata.citations": (root, lib, n) => {
    const lines = lib.papers.slice(0, 5).map((p, i) =>
      JSON.stringify({
        key: `paper:${p.id}`,
        source: "semantic-scholar",
        query: p.id,
        fetchedAt: "2024-07-01T00:00:00.000Z",
        status: "ok",
        values: { citationCount: 100 * i + n(50) },
        history: {},
      }),
    );
    return write(root, "metadata/semantic-scholar.jsonl", `${lines.join("\n")}\n`);
  },
  "metadata.views": (root, lib, n) => {
    const videos = lib.courses.flatMap((c) => c.episodes.flatMap((e) => e.videos));
    const v = one(
      videos.filter((x) => x.site === "bilibili" && x.id),
      n,
    );
    if (!v) return [];
    const line = JSON.stringify({
      key: `video:${v.id}`,
      source: "bilibili",
      query: v.id,
      fetchedAt: "2024-07-02T00:00:00.000Z",
      status: "ok",
      values: { views: 1000 + n(1000) },
      history: {},
    });
    return write(root, "metadata/bilibili.jsonl", `${line}\n`);
  },
  "files.add": (root, _, n) => write(root, "files/added.svg", `<svg><text>${n(99)}</text></svg>`),
  "files.change": (root, _, n) =>
    write(root, "files/residual-block.svg", `<svg><text>changed ${n(99)}</text></svg>`),
  "files.delete": (root, _, n) => {
    const rel = n(2) === 0 ? "files/added.svg" : "files/residual-block.svg";
    rmSync(join(root, rel), { force: true });
    return [rel];
  },
  // A transcript fetched or edited by hand (the episode's page shows it and searches it).
  "transcripts.edit": (root, lib, n) => {
    const e = one(
      lib.courses.flatMap((c) => c.episodes),
      n,
    );
    if (!e) return [];
    const cues = [
      { start: 0, end: 2.5, text: `第${n(99)}句：残差连接` },
      { start: 2.5, end: 5, text: `residual block ${n(99)}` },
    ];
    return write(root, transcriptPath(e.courseId, e.number), serializeTranscript(cues));
  },
  "snapshots.archive": (root, _, n) => writeSnapshot(root, `<html>copy ${n(99)}</html>`),
  "snapshots.health": (root, _, n) => {
    const state = (["ok", "dead", "redirected", "timeout"] as const)[n(4)];
    const line = JSON.stringify({
      url: RESNET_URL,
      state,
      status: state === "ok" ? 200 : 404,
      checkedAt: "2024-07-03T00:00:00.000Z",
    });
    return write(root, "snapshots/links.jsonl", `${line}\n`);
  },
  "item.addPaper": (root, _, n) =>
    paperFile(
      root,
      makePaper({ id: `added-${n(99)}`, short: "Added", notes: "A new paper citing [[resnet]]." }),
    ),
  "item.deletePaper": (root, lib, n) => {
    const p = one(lib.papers, n);
    if (!p) return [];
    rmSync(join(root, paperPath(p.id)), { force: true });
    return [paperPath(p.id)];
  },
  "item.addEpisode": (root, lib, n) => {
    const c = lib.courses[0];
    if (!c) return [];
    const number = Math.max(...c.episodes.map((e) => e.number)) + 1 + n(3);
    return write(
      root,
      episodePath(c.id, number),
      serializeEpisode({
        courseId: c.id,
        number,
        title: `New ${number}`,
        videos: [],
        papers: ["resnet"],
        notes: "",
      }),
    );
  },
  "item.deleteEpisode": (root, lib, n) => {
    const e = one(
      lib.courses.flatMap((c) => c.episodes),
      n,
    );
    if (!e) return [];
    rmSync(join(root, episodePath(e.courseId, e.number)), { force: true });
    return [episodePath(e.courseId, e.number)];
  },
};

/** Stores an archived copy of ResNet's link (index entry and object), as `jingdu snapshot` does. */
function writeSnapshot(root: string, html: string): string[] {
  const hash = createHash("sha256").update(html).digest("hex");
  const path = `snapshots/objects/${hash.slice(0, 2)}/${hash}.html`;
  write(root, path, html);
  const entry = {
    url: RESNET_URL,
    hash,
    path,
    fetchedAt: "2024-07-01T00:00:00.000Z",
    checkedAt: "2024-07-01T00:00:00.000Z",
    finalUrl: RESNET_URL,
    status: 200,
    contentType: "text/html",
    bytes: html.length,
  };
  return [path, ...write(root, "snapshots/index.jsonl", `${JSON.stringify(entry)}\n`)];
}

/**
 * The built-in library with what its template lacks for the changes above: a link and an
 * archived copy of it on ResNet, a reference with an origin for it.
 */
export function prepareLibrary(root: string, library: Library): void {
  const resnet = library.papers.find((p) => p.id === "resnet");
  if (!resnet) throw new Error("the built-in library has no ResNet");
  paperFile(root, { ...resnet, links: [{ url: RESNET_URL, kind: "page" }] });
  write(
    root,
    "references.yaml",
    serializeReferences([
      { url: RESNET_URL, archived: "https://web.archive.org/resnet", origin: "seed" },
    ]),
  );
  writeSnapshot(root, "<html>ResNet</html>");
}
