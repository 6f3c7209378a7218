/** The words of a suggestion (issue 19): why `rankRelatedPapers` put it there, naming seeds. */
import type { RelatedPaper } from "./related-papers.js";

/** The reason a suggestion shows, in the library's language, naming the learner's papers. */
export function relatedReason(r: RelatedPaper, language: "zh" | "en"): string {
  const names = (list: string[]) => list.slice(0, 4).join(language === "zh" ? "、" : ", ");
  const parts: string[] = [];
  if (r.citedBy.length > 0) {
    parts.push(
      language === "zh"
        ? `被你读过的 ${r.citedBy.length} 篇论文引用：${names(r.citedBy)}`
        : `cited by ${r.citedBy.length} papers you read: ${names(r.citedBy)}`,
    );
  }
  if (r.cites.length > 0) {
    parts.push(
      language === "zh"
        ? `引用了你读过的 ${r.cites.length} 篇：${names(r.cites)}`
        : `cites ${r.cites.length} papers you read: ${names(r.cites)}`,
    );
  }
  // Co-citation is named only when the seeds' own lists say nothing (one hop says more).
  if (parts.length === 0 && r.citedWith.length > 0) {
    const seedNames = r.citedWith.map((w) => w.name);
    parts.push(
      language === "zh"
        ? `常与你读过的 ${names(seedNames)} 一同被引用`
        : `cited together with ${names(seedNames)}, which you read`,
    );
  }
  const top = r.sharesWith[0];
  if (top) {
    parts.push(
      language === "zh"
        ? `与 ${top.name} 有 ${top.shared} 篇共同参考文献`
        : `shares ${top.shared} references with ${top.name}`,
    );
  }
  // S2 says neither why nor from which paper: the reason names what it was asked from.
  const rec = r.recommended;
  if (rec) {
    const more = rec.from.length - 4;
    const from =
      rec.from.length === 0
        ? language === "zh"
          ? "你读过的论文"
          : "the papers you studied"
        : `${names([...rec.from])}${more > 0 ? (language === "zh" ? ` 等 ${rec.from.length} 篇` : ` and ${more} more`) : ""}`;
    parts.push(
      language === "zh"
        ? `Semantic Scholar 根据 ${from} 推荐（第 ${rec.rank} 位）`
        : `recommended by Semantic Scholar from ${from} (#${rec.rank})`,
    );
  }
  if (parts.length === 0) {
    parts.push(language === "zh" ? "在你读过的论文附近" : "near the papers you read");
  }
  return parts.join(language === "zh" ? "；" : "; ");
}
