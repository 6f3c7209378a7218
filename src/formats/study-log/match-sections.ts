import { nameKey } from "../../core/index.js";

/** What alignment needs of a section or a row: a title and, when known, a runtime. */
export interface Alignable {
  title: string;
  runtime?: number;
}

/** One step of the alignment, in series order: a section, a row, or both (a match). */
export interface AlignedPair {
  section?: number;
  row?: number;
  score?: number;
}

/** Below this similarity a section and a row are not the same video. */
const MATCH_THRESHOLD = 0.5;

/** A title as a sorted multiset of bigram ids (interned per alignment), for fast Dice. */
interface Profile {
  grams: Int32Array;
  runtime?: number;
}

function profile(item: Alignable, intern: Map<string, number>): Profile {
  const chars = [...nameKey(item.title)];
  const keys = chars.length === 1 ? chars : chars.slice(1).map((c, i) => `${chars[i]}${c}`);
  const grams = Int32Array.from(keys, (k) => {
    const known = intern.get(k);
    if (known !== undefined) return known;
    intern.set(k, intern.size);
    return intern.size - 1;
  }).sort();
  return item.runtime === undefined ? { grams } : { grams, runtime: item.runtime };
}

function dice(a: Profile, b: Profile): number {
  const x = a.grams;
  const y = b.grams;
  if (x.length + y.length === 0) return 0;
  let common = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    const u = x[i] as number;
    const v = y[j] as number;
    if (u === v) {
      common++;
      i++;
      j++;
    } else if (u < v) i++;
    else j++;
  }
  return (2 * common) / (x.length + y.length);
}

/** Character-bigram Dice coefficient of two titles after nameKey (0…1). */
export function titleSimilarity(a: string, b: string): number {
  const intern = new Map<string, number>();
  return dice(profile({ title: a }, intern), profile({ title: b }, intern));
}

/** How close two runtimes are (1 = same within 2 s; a one-minute typo still scores well). */
export function runtimeCloseness(a: number, b: number): number {
  const d = Math.abs(a - b);
  if (d <= 2) return 1;
  if (d <= 65) return 0.8;
  if (d <= 180) return 0.4;
  return 0;
}

/** Similarity of a section and a row from title and runtime together (0…1). */
export function pairScore(section: Alignable, row: Alignable): number {
  const intern = new Map<string, number>();
  return profileScore(profile(section, intern), profile(row, intern));
}

function profileScore(section: Profile, row: Profile): number {
  const title = dice(section, row);
  if (section.runtime === undefined || row.runtime === undefined) return title;
  return 0.55 * title + 0.45 * runtimeCloseness(section.runtime, row.runtime);
}

/**
 * Monotone alignment (Needleman–Wunsch with free skips) of sections and rows, both oldest first:
 * maximizes the summed score of matched pairs above the threshold; returns every section and row.
 */
export function alignSections(sections: Alignable[], rows: Alignable[]): AlignedPair[] {
  const n = sections.length;
  const m = rows.length;
  const width = m + 1;
  const best = new Float64Array((n + 1) * width);
  const gain = new Float64Array(n * m);
  const intern = new Map<string, number>();
  const sectionProfiles = sections.map((s) => profile(s, intern));
  const rowProfiles = rows.map((r) => profile(r, intern));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const score = profileScore(sectionProfiles[i] as Profile, rowProfiles[j] as Profile);
      gain[i * m + j] = score - MATCH_THRESHOLD;
    }
  }
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const g = gain[(i - 1) * m + (j - 1)] as number;
      const diag = g > 0 ? (best[(i - 1) * width + j - 1] as number) + g : -1;
      best[i * width + j] = Math.max(
        diag,
        best[(i - 1) * width + j] as number,
        best[i * width + j - 1] as number,
      );
    }
  }
  const steps: AlignedPair[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = best[i * width + j] as number;
    if (i > 0 && j > 0) {
      const g = gain[(i - 1) * m + (j - 1)] as number;
      if (g > 0 && Math.abs(here - ((best[(i - 1) * width + j - 1] as number) + g)) < 1e-9) {
        steps.push({ section: i - 1, row: j - 1, score: g + MATCH_THRESHOLD });
        i--;
        j--;
        continue;
      }
    }
    if (j > 0 && (i === 0 || here === best[i * width + j - 1])) {
      steps.push({ row: j - 1 });
      j--;
    } else {
      steps.push({ section: i - 1 });
      i--;
    }
  }
  return steps.reverse();
}
