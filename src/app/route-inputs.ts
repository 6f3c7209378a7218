import { createHash, hash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Library } from "../core/index.js";
// Its file rather than the render index: no markdown-it or KaTeX is loaded for a key.
import { hashSourceFolder, rendererCode } from "../render/markdown/renderer-version.js";
import { matchRoute, paths, type RouteMatch } from "./paths.js";
import type { MetricsLookup } from "./site-context.js";
import { noteUrlsOf } from "./snapshots.js";

/** One-shot sha256: several times cheaper than a `Hash` object for the thousands of short keys. */
const sha = (text: string) => hash("sha256", text, "base64url");

let codeVersion: string | undefined;

/**
 * A hash of the code that renders pages: the renderer's (`rendererCode`: its modules and its
 * packages' versions) and this folder's, `site/`'s and `study/`'s modules, so a build with changed
 * code never reuses a page rendered by the old one.
 */
function renderingCode(): string {
  if (codeVersion !== undefined) return codeVersion;
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash("sha256").update(rendererCode());
  for (const folder of [here, join(here, "..", "site"), join(here, "..", "study")]) {
    hashSourceFolder(hash, folder);
  }
  codeVersion = hash.digest("hex");
  return codeVersion;
}

export interface RouteInputs {
  /** The route's input key; undefined when it must always be rendered. */
  key(path: string): string | undefined;
  /** A note's input key (see `noteKey`) with the library's structure added. */
  noteKey(key: string): string;
  /**
   * With `InputMemo.items`: the structure hash, and the pages of the papers and episodes that are
   * the objects, with the same metrics, of the build before (`InputMemo.build`). When the
   * structure is that build's too, such a page's key is the one that build gave it. Undefined
   * without the memo.
   */
  changes(): { structure: string; stable: ReadonlySet<string> } | undefined;
}

/**
 * Values derived from one item's content (a key of the URLs its note cites), by a digest of the
 * item: `previous` holds an earlier build's; every value this build uses is put in `current`, so a
 * caller that keeps `current` for the next build keeps nothing stale.
 */
export interface InputMemo {
  previous: ReadonlyMap<string, string>;
  current: Map<string, string>;
  /**
   * Each paper's and episode's serialized digest, by the item object: a builder that keeps
   * building the same library objects (a watch loop: `reloadFiles` keeps the objects of files
   * that did not change) serializes and hashes only the items that are new.
   */
  items?: WeakMap<object, ItemDigest>;
  /** The number of this build among those that share `items` (one more each build). */
  build?: number;
}

/** What a paper or episode adds to the keys, with the metrics it was computed from. */
export interface ItemDigest {
  /** The fetched figures the item's page shows (they change without the item). */
  metrics: string;
  /** What other pages show of the item, hashed (the library's structure is made of these). */
  shown: string;
  /** `shown` and the item's note and source location, hashed. */
  own: string;
  /** The last build (`InputMemo.build`) that had this item. */
  build?: number;
}

/** What the keys are made of, computed in one pass over the library. */
interface Digests {
  /** Everything pages show of other items (titles, numbers, statuses, metrics, the routes). */
  structure: string;
  /** Each item's own content (its note included), by `kind\0id`. */
  items: Map<string, string>;
  /** Every paper's and episode's digest, in library order: what the feed and search index read. */
  notes: string;
  /** Pages of the papers and episodes of the build before (see `RouteInputs.changes`). */
  stable: Set<string>;
}

/**
 * The inputs of each route, as a key: two builds that give a route the same key render it to the
 * same bytes, so a build can skip rendering it. Everything a page shows of *other* items (titles,
 * numbers, statuses, counts, metrics, the route list) is in one library-wide "structure" hash; a
 * page's own item, note included, is added to the key of its page only. Each item is serialized
 * and hashed once: a one-note rebuild hashes the library once, then only short keys. The search
 * index depends on every note, the feed on the notes it shows (`feedItems`; the caller adds the
 * clock to its key when the feed shows it). A file of `files/` has its version as key
 * (`fileVersion`; without one it is read every build); a snapshot object, its name (its hash).
 */
export function createRouteInputs(
  library: Library,
  opts: {
    baseUrl: string;
    metrics: MetricsLookup | undefined;
    routes: () => string[];
    extra: string;
    /** The learner's day of the clock: the home and course pages chart progress up to it. */
    today?: () => string;
    /** Per-item values of an earlier build (the static build keeps them in its manifest). */
    memo?: InputMemo;
    /** The items whose notes the feed shows (`paper\0id`, `episode\0course\0number`). */
    feedItems?: () => string[];
    /** A file's version (`AssetSource.version`) under `files/`; undefined: read it every build. */
    fileVersion?: (name: string) => string | undefined;
  },
): RouteInputs {
  let digests: Digests | undefined;
  const digest = (): Digests => {
    if (digests) return digests;
    const metric = (kind: "paper" | "video", id: string | undefined) => {
      const m = id ? opts.metrics?.(kind, id) : undefined;
      return m ? [m.value, m.asOf] : null;
    };
    // What other pages show of an item goes into the structure; the item's digest adds its
    // note and source location, which only its own page (and the feed and search) show.
    const parts: string[] = [
      JSON.stringify([
        renderingCode(),
        opts.baseUrl,
        opts.extra,
        library.settings,
        library.categories,
        library.progress,
        opts.routes(),
      ]),
    ];
    const items = new Map<string, string>();
    const notes: string[] = [];
    const stable = new Set<string>();
    const cache = opts.memo?.items;
    const ownDigest = (shown: string, text: string, at: unknown) =>
      sha(`${shown}\u0000${JSON.stringify(at ?? null)}\u0000${text}`);
    const generation = opts.memo?.build ?? 0;
    /** The item's digest, from the cache while the object and its metrics are the same. */
    const add = (
      id: string,
      item: object,
      page: () => string,
      metrics: string,
      make: () => ItemDigest,
    ) => {
      let d = cache?.get(item);
      if (d?.metrics !== metrics) {
        d = make();
        cache?.set(item, d);
      } else if (d.build === generation - 1) {
        // The very object of the build before, with the same metrics.
        stable.add(page());
      }
      d.build = generation;
      parts.push(d.shown);
      items.set(id, d.own);
      return d.own;
    };
    const metricKey = (m: unknown[] | null) => (m ? `${m[0]}\u0000${m[1]}` : "");
    for (const paper of library.papers) {
      const m = metric("paper", paper.id);
      const id = `paper\u0000${paper.id}`;
      const own = add(
        id,
        paper,
        () => paths.paper(paper.id),
        metricKey(m),
        () => {
          const { notes: text, at, ...p } = paper;
          const shown = JSON.stringify([p, text.trim() !== "", m]);
          return { metrics: metricKey(m), shown: sha(shown), own: ownDigest(shown, text, at) };
        },
      );
      notes.push(own);
    }
    for (const { notes: text, at, episodes, ...c } of library.courses) {
      // Courses are few, and assembled anew with each load: not cached.
      const shown = JSON.stringify([c, text.trim() !== ""]);
      parts.push(shown);
      const own = ownDigest(shown, text, at);
      items.set(`course\u0000${c.id}`, own);
      // The search index holds course notes too (one search document per item).
      notes.push(own);
      for (const episode of episodes) {
        const m = episode.videos.map((v) => metric("video", v.id));
        const key = m.map(metricKey).join("\u0001");
        const id = `episode\u0000${c.id}\u0000${episode.number}`;
        const page = () => paths.episode(c.id, episode.number);
        const own = add(id, episode, page, key, () => {
          const { notes: epNotes, at: epAt, ...e } = episode;
          const shown = JSON.stringify([e, epNotes.trim() !== "", m]);
          return { metrics: key, shown: sha(shown), own: ownDigest(shown, epNotes, epAt) };
        });
        notes.push(own);
      }
    }
    digests = {
      structure: sha(parts.join("\u0000")),
      items,
      notes: sha(notes.join("")),
      stable,
    };
    return digests;
  };
  const structureHash = () => digest().structure;
  const item = (id: string) => digest().items.get(id) ?? "none";

  // The links page shows which page cites which URL: a key of each note's cited URLs, reused
  // from the memo for items whose digest is unchanged (extracting links costs more than hashing).
  let citedUrls: string | undefined;
  const citedUrlsKey = () => {
    if (citedUrls !== undefined) return citedUrls;
    const { items } = digest();
    const urls = (id: string, item: { notes: string }) => {
      const own = items.get(id) ?? "";
      let value = opts.memo?.previous.get(own);
      value ??= sha(JSON.stringify(noteUrlsOf(item)));
      opts.memo?.current.set(own, value);
      return value;
    };
    const all: string[] = [];
    for (const p of library.papers) all.push(urls(`paper\u0000${p.id}`, p));
    for (const c of library.courses) {
      all.push(urls(`course\u0000${c.id}`, c));
      for (const e of c.episodes) all.push(urls(`episode\u0000${c.id}\u0000${e.number}`, e));
    }
    citedUrls = sha(all.join(""));
    return citedUrls;
  };
  const keyOf = (route: RouteMatch): string | undefined => {
    switch (route.page) {
      case "home":
        return sha(`home\u0000${opts.today?.() ?? ""}\u0000${structureHash()}`);
      case "papers":
      case "search":
      case "not-found":
      case "category":
      case "asset":
        return structureHash();
      case "search-index":
        return sha(route.page + structureHash() + digest().notes);
      case "feed":
        // Only the notes it shows: a note edited further back leaves the feed as it is.
        return opts.feedItems
          ? sha(route.page + structureHash() + opts.feedItems().map(item).join(""))
          : sha(route.page + structureHash() + digest().notes);
      case "file": {
        const version = opts.fileVersion?.(route.name);
        return version === undefined ? undefined : sha(`file\u0000${route.name}\u0000${version}`);
      }
      case "snapshot":
        // Objects are content-addressed: the name is the hash of the bytes.
        return sha(`snapshot\u0000${route.name}`);
      case "links":
        return sha(route.page + structureHash() + citedUrlsKey());
      case "course":
        return sha(
          structureHash() + item(`course\u0000${route.courseId}`) + (opts.today?.() ?? ""),
        );
      case "episode":
        return sha(structureHash() + item(`episode\u0000${route.courseId}\u0000${route.number}`));
      case "paper":
        return sha(structureHash() + item(`paper\u0000${route.paperId}`));
    }
  };
  return {
    key(path) {
      const route = matchRoute(path);
      return route ? keyOf(route) : structureHash();
    },
    noteKey: (key) => sha(structureHash() + key),
    changes() {
      if (!opts.memo?.items) return undefined;
      const { structure, stable } = digest();
      return { structure, stable };
    },
  };
}
