import { createHash } from "node:crypto";
import { type Library, type SearchDocument, searchDocument } from "../core/index.js";
import { paths } from "./paths.js";
import { searchEntryJson, searchIndexJson } from "./search-index.js";
import {
  addPosting,
  type FragmentSplit,
  fragmentKey,
  itemTerms,
  type Postings,
  postingsOf,
  RECORD_GROUP,
  recordFile,
  recordPath,
  SPLITS_PATH,
  type SplitIndex,
  type SplitSizes,
  splitIndex,
  splitSizes,
  splitsFile,
  writeFragment,
} from "./search-split.js";

/** An item of the split index before its search document is made. */
interface ItemSource {
  /** `kind:id`, as `SplitIndex.ids` lists it. */
  id: string;
  /** The library's object the document is made of. */
  item: object;
  /** An episode's papers' names (its document shows them): the document's other input. */
  names?: string;
  doc(): SearchDocument;
  url(): string;
}

/** The items of the split index, in the order of the site's routes. */
function libraryItems(library: Library, href: (path: string) => string): ItemSource[] {
  const short = new Map(library.papers.map((p) => [p.id, p.short]));
  const paperName = (id: string) => short.get(id);
  const items: ItemSource[] = [];
  for (const course of library.courses) {
    items.push({
      id: `course:${course.id}`,
      item: course,
      doc: () => searchDocument({ kind: "course", course }),
      url: () => href(paths.course(course.id)),
    });
    for (const episode of course.episodes) {
      items.push({
        id: `episode:${episode.courseId}/${episode.number}`,
        item: episode,
        names: episode.papers.map((id) => paperName(id) ?? id).join("\0"),
        doc: () => searchDocument({ kind: "episode", episode }, { paperName }),
        url: () => href(paths.episode(course.id, episode.number)),
      });
    }
  }
  for (const paper of library.papers) {
    items.push({
      id: `paper:${paper.id}`,
      item: paper,
      doc: () => searchDocument({ kind: "paper", paper }),
      url: () => href(paths.paper(paper.id)),
    });
  }
  for (const category of library.categories) {
    items.push({
      id: `category:${category.id}`,
      item: category,
      doc: () => searchDocument({ kind: "category", category }),
      url: () => href(paths.category(category.id)),
    });
  }
  return items;
}

/**
 * The split index of a library, its items in the order of the site's routes. Read from the
 * library itself, not through the read tracker: each fragment's page asks instead for its own
 * bytes (`D␀searchPart␀path`), so a build rewrites exactly the fragments whose bytes changed.
 */
export function librarySplit(
  library: Library,
  href: (path: string) => string,
  sizes: Partial<SplitSizes> = {},
): SplitIndex {
  const items = libraryItems(library, href).map((s) => ({ doc: s.doc(), url: s.url() }));
  return splitIndex(items, sizes);
}

/** `search-index.json` of a library (`searchIndexJson`), read from the library as the split. */
export function librarySearchIndex(library: Library, href: (path: string) => string): string {
  return searchIndexJson(libraryItems(library, href).map((s) => searchEntryJson(s.doc(), s.url())));
}

/** The split index of a library kept between builds, remade where the library changed. */
export interface SplitKeeper {
  /**
   * `librarySplit(library, href)`, fragment for fragment and in its order. The items of
   * `library` must not change in place (a site builder freezes them): an item that is the
   * object of the last call is taken to have the same search document.
   */
  split(library: Library, href: (path: string) => string): SplitIndex;
  /** `librarySearchIndex` of the last split's library. */
  searchIndex(): string;
  /**
   * sha256 (hex) of a fragment of the last split, or for `/search-index.json` a digest of its
   * entries' digests (the same entries, the same digest); undefined when it has none of that path.
   */
  digest(path: string): string | undefined;
}

/**
 * What a keeper holds of an item: its inputs, its document and URL. Not its terms: an edit
 * makes the old document's again (one item's), where kept they would be most of the keeper's
 * memory (a map of some 250 terms an item, gigabytes at 100,000 items).
 */
interface Slot {
  id: string;
  item: object;
  names: string | undefined;
  doc: SearchDocument;
  url: string;
  /** Its entry of `search-index.json`, and that entry's sha256 once asked. */
  entry: string;
  entryHash?: string;
}

interface Kept {
  /** `href("")`: another base URL makes every record anew. */
  base: string;
  slots: Slot[];
  postings: Postings;
  /** The fragment keys, sorted (the order `splitIndex` writes them in). */
  keys: string[];
  /** Each key's files (its fragments, pages and bitmaps), as `writeFragment` made them. */
  keyFiles: Map<string, Map<string, string>>;
  /** Each key's fragments that `writeFragment` split (`splits.json`). */
  keySplits: Map<string, FragmentSplit[]>;
  records: string[];
  index: SplitIndex;
}

/**
 * A split index kept between builds (`jingdu build --watch`): an edit remakes the fragments of
 * the keys whose terms the changed items gain, lose or count otherwise, and those items' record
 * fragments. Every fragment depends only on its key's postings and the number of items
 * (`writeFragment`), so the rest are a fresh split's already. Items added, removed or reordered
 * renumber the items after them, which changes most postings: then the index is made anew.
 * Checked against `librarySplit` over random edits (library-split.test.ts).
 */
export function createSplitKeeper(sizes: Partial<SplitSizes> = {}): SplitKeeper {
  const cut = splitSizes(sizes);
  let kept: Kept | undefined;
  let wholeIndex: { of: SplitIndex; json: string } | undefined;
  const searchIndex = () => {
    const index = (kept as Kept).index;
    if (wholeIndex?.of !== index) {
      wholeIndex = { of: index, json: searchIndexJson(kept?.slots.map((s) => s.entry) ?? []) };
    }
    return wholeIndex.json;
  };
  const hashes = new Map<string, { body: string; hash: string }>();
  // `search-index.json`'s digest: of its entries' digests, kept with them (an edit hashes its
  // item's entry, not the megabytes of the whole file).
  let whole: { of: SplitIndex; hash: string } | undefined;
  const wholeDigest = ({ index, slots }: Kept): string => {
    if (whole?.of !== index) {
      const all = createHash("sha256");
      for (const slot of slots) {
        slot.entryHash ??= createHash("sha256").update(slot.entry).digest("base64");
        all.update(slot.entryHash);
      }
      whole = { of: index, hash: `entries:${all.digest("hex")}` };
    }
    return whole.hash;
  };
  const fresh = (sources: ItemSource[], base: string): Kept => {
    hashes.clear();
    const slots = sources.map(({ id, item, names, doc, url }): Slot => {
      const made = doc();
      const at = url();
      const entry = searchEntryJson(made, at);
      return { id, item, names, doc: made, url: at, entry };
    });
    // Each item's terms made as its postings are added: they are garbage once added.
    const postings = postingsOf(
      (function* () {
        for (const slot of slots) yield itemTerms(slot.doc);
      })(),
    );
    const keys = [...postings.keys()].sort();
    const keyFiles = new Map<string, Map<string, string>>();
    const keySplits = new Map<string, FragmentSplit[]>();
    for (const key of keys) {
      const files = new Map<string, string>();
      const fragment = postings.get(key) as Map<string, number[]>;
      keySplits.set(key, writeFragment(key, fragment, slots.length, cut, files));
      keyFiles.set(key, files);
    }
    const records: string[] = [];
    for (let g = 0; g * RECORD_GROUP < slots.length; g++) records.push(recordFile(slots, g));
    const ids = slots.map((s) => s.id);
    const index = assemble(ids, keys, keyFiles, keySplits, records);
    return { base, slots, postings, keys, keyFiles, keySplits, records, index };
  };
  return {
    split(library, href) {
      const sources = libraryItems(library, href);
      const base = href("");
      try {
        kept =
          kept && sameItems(kept, sources, base)
            ? update(kept, sources, cut)
            : fresh(sources, base);
      } catch (error) {
        // Half updated, it is no index: the next split makes one anew.
        kept = undefined;
        throw error;
      }
      return kept.index;
    },
    searchIndex,
    digest(path) {
      if (!kept) return undefined;
      if (path === paths.searchIndex) return wholeDigest(kept);
      const body = kept.index.files.get(path);
      if (body === undefined) return undefined;
      const had = hashes.get(path);
      if (had?.body === body) return had.hash;
      const hash = createHash("sha256").update(body).digest("hex");
      hashes.set(path, { body, hash });
      return hash;
    },
  };
}

/** Whether `sources` are the kept items, in the same order, under the same base URL. */
function sameItems(kept: Kept, sources: readonly ItemSource[], base: string): boolean {
  if (kept.base !== base || kept.slots.length !== sources.length) return false;
  for (let n = 0; n < sources.length; n++) {
    if ((kept.slots[n] as Slot).id !== (sources[n] as ItemSource).id) return false;
  }
  return true;
}

/** The kept index after its items' documents changed (same items, same order). */
function update(kept: Kept, sources: readonly ItemSource[], cut: SplitSizes): Kept {
  const dirtyKeys = new Set<string>();
  const dirtyGroups = new Set<number>();
  sources.forEach((source, n) => {
    const slot = kept.slots[n] as Slot;
    if (slot.item === source.item && slot.names === source.names) return;
    slot.item = source.item;
    slot.names = source.names;
    const doc = source.doc();
    const url = source.url();
    const was = slot.doc;
    const searched =
      doc.title !== was.title || doc.summary !== was.summary || doc.body !== was.body;
    if (searched || doc.kind !== was.kind || doc.name !== was.name || url !== slot.url) {
      dirtyGroups.add(Math.floor(n / RECORD_GROUP));
      slot.entry = searchEntryJson(doc, url);
      delete slot.entryHash;
    }
    slot.doc = doc;
    slot.url = url;
    if (!searched) return;
    const terms = itemTerms(doc);
    const had = itemTerms(was);
    for (const [token, tf] of terms) {
      if (had.get(token) === tf) continue;
      addPosting(kept.postings, token, n, tf);
      dirtyKeys.add(fragmentKey(token));
    }
    for (const token of had.keys()) {
      if (terms.has(token)) continue;
      addPosting(kept.postings, token, n, 0);
      dirtyKeys.add(fragmentKey(token));
    }
  });
  if (dirtyKeys.size === 0 && dirtyGroups.size === 0) return kept;
  for (const key of dirtyKeys) {
    const fragment = kept.postings.get(key);
    const at = sortedIndex(kept.keys, key);
    const listed = kept.keys[at] === key;
    if (!fragment) {
      kept.keyFiles.delete(key);
      kept.keySplits.delete(key);
      if (listed) kept.keys.splice(at, 1);
      continue;
    }
    if (!listed) kept.keys.splice(at, 0, key);
    const files = new Map<string, string>();
    kept.keySplits.set(key, writeFragment(key, fragment, kept.slots.length, cut, files));
    kept.keyFiles.set(key, files);
  }
  for (const g of dirtyGroups) kept.records[g] = recordFile(kept.slots, g);
  kept.index = assemble(kept.index.ids, kept.keys, kept.keyFiles, kept.keySplits, kept.records);
  return kept;
}

/** Where `key` is or would go in the sorted `keys`. */
function sortedIndex(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((keys[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the kept parts, its files in `splitIndex`'s order. */
function assemble(
  ids: string[],
  keys: readonly string[],
  keyFiles: ReadonlyMap<string, ReadonlyMap<string, string>>,
  keySplits: ReadonlyMap<string, readonly FragmentSplit[]>,
  records: readonly string[],
): SplitIndex {
  const files = new Map<string, string>();
  const splits: FragmentSplit[] = [];
  for (const key of keys) {
    for (const [path, body] of keyFiles.get(key) as ReadonlyMap<string, string>) {
      files.set(path, body);
    }
    splits.push(...(keySplits.get(key) as readonly FragmentSplit[]));
  }
  files.set(SPLITS_PATH, splitsFile(splits));
  records.forEach((body, g) => {
    files.set(recordPath(g), body);
  });
  return { docs: ids.length, ids, files };
}
