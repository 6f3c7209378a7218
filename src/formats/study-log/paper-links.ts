import { type Category, nameKey, type Paper } from "../../core/index.js";
import { type InlineName, urlKey } from "./markdown-inline.js";

/** Organisation prefixes a video title may put before a paper's name (`OpenAI Codex` → Codex). */
const ORG_PREFIXES = ["openai", "deepmind", "google", "meta", "facebook", "microsoft", "stanford"];

/** Looks up catalog papers by the names and links an episode title uses. */
export interface PaperIndex {
  byKey: Map<string, string>;
  byUrl: Map<string, string>;
  anchors: Set<string>;
}

/** Indexes papers by nameKey(short) and by link URL; categories by id and alias (anchors). */
export function createPaperIndex(papers: Paper[], categories: Category[]): PaperIndex {
  const byKey = new Map<string, string>();
  const byUrl = new Map<string, string>();
  for (const paper of papers) {
    const key = nameKey(paper.short);
    if (key !== "" && !byKey.has(key)) byKey.set(key, paper.id);
    for (const link of paper.links)
      if (!byUrl.has(urlKey(link.url))) byUrl.set(urlKey(link.url), paper.id);
  }
  const anchors = new Set(categories.flatMap((c) => [c.id, ...(c.aliases ?? [])]));
  return { byKey, byUrl, anchors };
}

function byNameVariants(index: PaperIndex, key: string): string | undefined {
  if (key === "") return undefined;
  const direct = index.byKey.get(key);
  if (direct) return direct;
  if (key.endsWith("v1")) return index.byKey.get(key.slice(0, -2));
  return index.byKey.get(`${key}v1`);
}

/** The catalog paper a name means: by name, URL, without a `（…）` part, as `Xv1`, without an org. */
export function resolvePaperName(index: PaperIndex, name: InlineName): string | undefined {
  const key = nameKey(name.text);
  const withoutParen = nameKey(name.text.replace(/[（(][^（()）]*[）)]/g, ""));
  const org = ORG_PREFIXES.find((p) => key.startsWith(p) && key.length > p.length);
  return (
    index.byKey.get(key) ??
    (name.url ? index.byUrl.get(urlKey(name.url)) : undefined) ??
    byNameVariants(index, withoutParen) ??
    (org ? byNameVariants(index, key.slice(org.length)) : undefined)
  );
}

/** True when the name links to a category anchor (`[对比学习](#contrastive_learning)`). */
export function isCategoryAnchor(index: PaperIndex, name: InlineName): boolean {
  return name.url !== undefined && index.anchors.has(name.url.replace(/^#/, ""));
}

/** Resolves every name: the ids found (deduped, in order) and the names that matched nothing. */
export function linkPapers(index: PaperIndex, names: InlineName[]) {
  const papers: string[] = [];
  const unmatched: InlineName[] = [];
  for (const name of names) {
    if (name.url?.startsWith("#")) {
      if (!isCategoryAnchor(index, name)) unmatched.push(name);
      continue;
    }
    const id = resolvePaperName(index, name);
    if (id === undefined) unmatched.push(name);
    else if (!papers.includes(id)) papers.push(id);
  }
  return { papers, unmatched };
}
