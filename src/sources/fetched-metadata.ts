/**
 * Fetched metadata: what a source said about a paper or video, when, with numeric history.
 * Lives in `<library>/metadata/<source>.jsonl` (one record per line, sorted by key, written
 * atomically) and is meant to be committed, so a site builds offline and reproducibly.
 * It never touches what a person wrote: `mergePaperWithFetched` fills only what is empty.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { type Diagnostic, isWebUrl, type Paper } from "../core/index.js";
import { writeFileAtomic } from "../store/atomic-write.js";
import { SOURCE_LABELS, SOURCE_NAMES, type SourceName } from "./config.js";

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

/** Reads one source's records; a malformed line is reported and skipped, the rest loads. */
export async function readFetchedMetadata(
  root: string,
  source: SourceName,
): Promise<{ records: Map<string, FetchedRecord>; diagnostics: Diagnostic[] }> {
  const path = metadataPath(root, source);
  const file = join(METADATA_DIR, `${SOURCE_LABELS[source]}.jsonl`);
  const records = new Map<string, FetchedRecord>();
  const diagnostics: Diagnostic[] = [];
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { records, diagnostics };
    throw err;
  }
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      const r = JSON.parse(line) as FetchedRecord;
      if (
        typeof r.key !== "string" ||
        typeof r.fetchedAt !== "string" ||
        typeof r.values !== "object"
      ) {
        throw new Error("missing key, fetchedAt or values");
      }
      r.history ??= {};
      records.set(r.key, r);
    } catch (err) {
      diagnostics.push({
        level: "warning",
        rule: "metadata-line-invalid",
        message: `unreadable fetched-metadata line: ${(err as Error).message}`,
        file,
        line: i + 1,
        hint: "Delete the line; `jingdu refresh` fetches it again.",
      });
    }
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

/** One line per record, sorted by key, keys in a fixed order: small, stable git diffs. */
export function serializeRecords(records: Map<string, FetchedRecord>): string {
  const keys = [...records.keys()].sort();
  return keys
    .map((k) => {
      const r = records.get(k) as FetchedRecord;
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
    })
    .join("");
}

export async function writeFetchedMetadata(
  root: string,
  source: SourceName,
  records: Map<string, FetchedRecord>,
): Promise<void> {
  await writeFileAtomic(metadataPath(root, source), serializeRecords(records));
}

/** Removes temp files left by a process killed mid-write (the targets themselves are intact). */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((n) => n.startsWith(".") && n.endsWith(".tmp"))
      .map((n) => rm(join(dir, n), { force: true })),
  );
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

/** Adds fetches to `metadata/*.jsonl` (read, update, write atomically per source file). */
export async function saveFetched(root: string, inputs: readonly FetchInput[]): Promise<void> {
  for (const source of SOURCE_NAMES) {
    const mine = inputs.filter((i) => i.source === source);
    if (mine.length === 0) continue;
    const { records } = await readFetchedMetadata(root, source);
    for (const input of mine)
      records.set(input.key, nextRecord(records.get(input.key), input).record);
    await writeFetchedMetadata(root, source, records);
  }
}
