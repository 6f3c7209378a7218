/**
 * Fetched metadata: what a source said about a paper or video, when, with numeric history.
 * Lives in `<library>/metadata/<source>.jsonl` (one record per line, sorted by key, written
 * atomically) and is meant to be committed, so a site builds offline and reproducibly.
 * It never touches what a person wrote: `mergePaperWithFetched` fills only what is empty.
 */
import { join } from "node:path";
import { readRegularFile, updateLibraryFile } from "../base/index.js";
import { type Diagnostic, isWebUrl, notRegularDiagnostic, type Paper } from "../core/index.js";
import { SOURCE_LABELS, SOURCE_NAMES, type SourceName } from "./config.js";
import { parseMetadataLine } from "./metadata-line.js";

export const METADATA_DIR = "metadata";

/** `[YYYY-MM-DD, value]`: one point per day at most. */
export type HistoryPoint = [string, number];

export interface FetchedRecord {
  /** What the record is about: `paper:<paper id>` or `video:<BVID>`. */
  key: string;
  /** `semantic-scholar` | `arxiv` | `bilibili`. */
  source: string;
  /** The id sent to the source (`ARXIV:1706.03762`, a BVID). */
  query: string;
  /** The last time the source was asked (ISO). */
  fetchedAt: string;
  status: "ok" | "not-found";
  /** When `values` were fetched (ISO); older than fetchedAt when the latest answer was not-found. */
  valuesAt?: string;
  values: Record<string, unknown>;
  /** Numeric values over time (citationCount, views…), for "as of" and trends. */
  history: Record<string, HistoryPoint[]>;
}

export type MetadataMaps = Record<SourceName, Map<string, FetchedRecord>>;

/** Numbers whose history is kept, per source. */
export const TRACKED_NUMBERS: Record<SourceName, readonly string[]> = {
  s2: ["citationCount", "influentialCitationCount"],
  arxiv: [],
  bilibili: ["views", "likes"],
};

const MAX_HISTORY = 1000;

export function metadataPath(root: string, source: SourceName): string {
  return join(root, METADATA_DIR, `${SOURCE_LABELS[source]}.jsonl`);
}

/**
 * What each record read from a file looked like then (its serialized line), so a write can tell
 * the records this process changed from the ones it only carried along (see writeFetchedMetadata).
 */
const asRead = new WeakMap<FetchedRecord, string>();

/** Reads one source's records; a malformed line is reported and skipped, the rest loads. */
export async function readFetchedMetadata(
  root: string,
  source: SourceName,
): Promise<{ records: Map<string, FetchedRecord>; diagnostics: Diagnostic[] }> {
  const path = metadataPath(root, source);
  const file = join(METADATA_DIR, `${SOURCE_LABELS[source]}.jsonl`);
  const read = await readRegularFile(path);
  if ("missing" in read) return { records: new Map(), diagnostics: [] };
  if ("notRegular" in read) {
    return { records: new Map(), diagnostics: [notRegularDiagnostic(file, read.notRegular)] };
  }
  return parseRecords(read.text, file);
}

/** Parses a metadata file's lines; each record remembers how it was read (see `asRead`). */
function parseRecords(
  text: string,
  file: string,
): { records: Map<string, FetchedRecord>; diagnostics: Diagnostic[] } {
  const records = new Map<string, FetchedRecord>();
  const diagnostics: Diagnostic[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const { record, problem } = parseMetadataLine(line);
    if (record) {
      records.set(record.key, record);
      asRead.set(record, recordLine(record));
    } else
      diagnostics.push({
        level: "warning",
        rule: "metadata-line-invalid",
        message: `unreadable fetched-metadata line: ${problem}`,
        file,
        line: i + 1,
        hint: "Delete the line; `jingdu refresh` fetches it again.",
      });
  });
  return { records, diagnostics };
}

/** Reads every source's records. */
export async function loadFetchedMetadata(
  root: string,
): Promise<{ maps: MetadataMaps; diagnostics: Diagnostic[] }> {
  const maps = {} as MetadataMaps;
  const diagnostics: Diagnostic[] = [];
  for (const s of SOURCE_NAMES) {
    const r = await readFetchedMetadata(root, s);
    maps[s] = r.records;
    diagnostics.push(...r.diagnostics);
  }
  return { maps, diagnostics };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort())
      out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** One record as its line: keys in a fixed order. */
function recordLine(r: FetchedRecord): string {
  const ordered = {
    key: r.key,
    source: r.source,
    query: r.query,
    fetchedAt: r.fetchedAt,
    status: r.status,
    ...(r.valuesAt ? { valuesAt: r.valuesAt } : {}),
    values: sortKeys(r.values),
    history: sortKeys(r.history),
  };
  return `${JSON.stringify(ordered)}\n`;
}

/** One line per record, sorted by key, keys in a fixed order: small, stable git diffs. */
export function serializeRecords(records: Map<string, FetchedRecord>): string {
  const keys = [...records.keys()].sort();
  return keys.map((k) => recordLine(records.get(k) as FetchedRecord)).join("");
}

/**
 * Writes a source's records, merged with what is on disk now, under the file's lock: a record
 * this process changed or added since it read the file wins; every other record is taken from
 * the disk, so a `jingdu add paper` during a long `jingdu refresh` (each holding the whole map
 * in memory) is kept, and so is the refresh's work. Nothing is ever deleted by a write.
 */
export async function writeFetchedMetadata(
  root: string,
  source: SourceName,
  records: Map<string, FetchedRecord>,
): Promise<void> {
  const path = metadataPath(root, source);
  const file = join(METADATA_DIR, `${SOURCE_LABELS[source]}.jsonl`);
  const mine = [...records.values()].filter((r) => asRead.get(r) !== recordLine(r));
  await updateLibraryFile(path, ({ bytes }) => {
    const merged = bytes === null ? new Map() : parseRecords(bytes.toString("utf8"), file).records;
    for (const [key, r] of records) if (!merged.has(key)) merged.set(key, r);
    for (const r of mine) merged.set(r.key, r);
    return { content: serializeRecords(merged) };
  });
  // Written: from now on these count as read, so a later write does not undo a newer change.
  for (const r of mine) asRead.set(r, recordLine(r));
}

/**
 * The record after a fetch: new values (or the old ones kept, for not-found), history extended.
 * `changed` is false when the values are the same as before.
 */
export function nextRecord(
  prev: FetchedRecord | undefined,
  fetch: {
    key: string;
    source: SourceName;
    query: string;
    fetchedAt: string;
    values?: Record<string, unknown>;
  },
): { record: FetchedRecord; changed: boolean } {
  if (fetch.values === undefined) {
    const record: FetchedRecord = {
      key: fetch.key,
      source: SOURCE_LABELS[fetch.source],
      query: fetch.query,
      fetchedAt: fetch.fetchedAt,
      status: "not-found",
      ...(prev?.valuesAt ? { valuesAt: prev.valuesAt } : {}),
      values: prev?.values ?? {},
      history: prev?.history ?? {},
    };
    return { record, changed: prev?.status !== "not-found" };
  }
  const values = sortKeys(fetch.values) as Record<string, unknown>;
  const history: Record<string, HistoryPoint[]> = { ...(prev?.history ?? {}) };
  const day = fetch.fetchedAt.slice(0, 10);
  for (const name of TRACKED_NUMBERS[fetch.source]) {
    const v = values[name];
    if (typeof v !== "number") continue;
    const points = [...(history[name] ?? [])];
    const last = points[points.length - 1];
    if (last && last[0] === day) points[points.length - 1] = [day, v];
    else points.push([day, v]);
    history[name] = points.slice(-MAX_HISTORY);
  }
  const changed =
    prev === undefined ||
    prev.status !== "ok" ||
    JSON.stringify(sortKeys(prev.values)) !== JSON.stringify(values);
  return {
    record: {
      key: fetch.key,
      source: SOURCE_LABELS[fetch.source],
      query: fetch.query,
      fetchedAt: fetch.fetchedAt,
      status: "ok",
      valuesAt: fetch.fetchedAt,
      values,
      history,
    },
    changed,
  };
}

export interface Provenance {
  source: string;
  fetchedAt: string;
}

export interface PaperView {
  /** The paper with empty fields filled from fetched data; what the person wrote is untouched. */
  paper: Paper;
  /** Which fields came from a source, and when. */
  provenance: Partial<
    Record<"title" | "year" | "venue" | "authors" | "summary" | "pdf", Provenance>
  >;
  abstract?: { text: string } & Provenance;
  citations?: { count: number; influential?: number; history: HistoryPoint[] } & Provenance;
}

/**
 * Puts fetched values beside a paper: a person's title, summary, year… always win; fetched values
 * only fill what is empty. Semantic Scholar first, then arXiv.
 */
export function mergePaperWithFetched(paper: Paper, maps: Partial<MetadataMaps>): PaperView {
  const key = `paper:${paper.id}`;
  const out: Paper = {
    ...paper,
    ids: { ...paper.ids },
    authors: [...paper.authors],
    links: [...paper.links],
  };
  const view: PaperView = { paper: out, provenance: {} };
  for (const source of ["s2", "arxiv"] as const) {
    const r = maps[source]?.get(key);
    if (!r || Object.keys(r.values).length === 0) continue;
    const from: Provenance = { source: r.source, fetchedAt: r.valuesAt ?? r.fetchedAt };
    const v = r.values;
    if (out.title === undefined && typeof v.title === "string") {
      out.title = v.title;
      view.provenance.title = from;
    }
    if (out.year === undefined && typeof v.year === "number") {
      out.year = v.year;
      view.provenance.year = from;
    }
    if (out.venue === undefined && typeof v.venue === "string") {
      out.venue = v.venue;
      view.provenance.venue = from;
    }
    if (out.authors.length === 0 && Array.isArray(v.authors) && v.authors.length > 0) {
      out.authors = v.authors.filter((a): a is string => typeof a === "string");
      view.provenance.authors = from;
    }
    if (out.summary === undefined && typeof v.tldr === "string") {
      out.summary = v.tldr;
      view.provenance.summary = from;
    }
    const ids = (v.ids ?? {}) as Record<string, unknown>;
    for (const [k, id] of Object.entries(ids)) {
      const field = k as keyof Paper["ids"];
      if (out.ids[field] === undefined && (typeof id === "string" || typeof id === "number")) {
        (out.ids as Record<string, unknown>)[field] = id;
      }
    }
    // metadata/*.jsonl is a file a person (or an older jingdu) may have written: its PDF link
    // is merged only when it is an absolute http(s) URL (src/core/url-policy.ts).
    const pdf = typeof v.pdfUrl === "string" && isWebUrl(v.pdfUrl) ? v.pdfUrl : undefined;
    if (pdf !== undefined && !out.links.some((l) => l.kind === "pdf")) {
      out.links.push({ url: pdf, kind: "pdf" });
      view.provenance.pdf = from;
    }
    if (!view.abstract && typeof v.abstract === "string")
      view.abstract = { text: v.abstract, ...from };
    if (!view.citations && typeof v.citationCount === "number") {
      view.citations = {
        count: v.citationCount,
        ...(typeof v.influentialCitationCount === "number"
          ? { influential: v.influentialCitationCount }
          : {}),
        history: r.history.citationCount ?? [],
        ...from,
      };
    }
  }
  return view;
}

/** One fetch to record: what `saveFetched` takes (add paper / add course). */
export interface FetchInput {
  key: string;
  source: SourceName;
  query: string;
  /** ISO time the data came from the source. */
  fetchedAt: string;
  /** undefined = the source does not know it. */
  values?: Record<string, unknown>;
}

/** Adds fetches to `metadata/*.jsonl` (read, update, atomic write, under each file's lock). */
export async function saveFetched(root: string, inputs: readonly FetchInput[]): Promise<void> {
  for (const source of SOURCE_NAMES) {
    const mine = inputs.filter((i) => i.source === source);
    if (mine.length === 0) continue;
    const file = join(METADATA_DIR, `${SOURCE_LABELS[source]}.jsonl`);
    await updateLibraryFile(metadataPath(root, source), ({ bytes }) => {
      const records =
        bytes === null ? new Map() : parseRecords(bytes.toString("utf8"), file).records;
      for (const input of mine)
        records.set(input.key, nextRecord(records.get(input.key), input).record);
      return { content: serializeRecords(records) };
    });
  }
}
