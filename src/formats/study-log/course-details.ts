import { readCourseTitle, stringList } from "./front-matter.js";
import type { Heading } from "./headings.js";
import { findUrls, plainInline } from "./markdown-inline.js";

/** Title, state and tags of the course, from the front matter (or the first `#` heading). */
export function readCourseDetails(
  data: Record<string, unknown>,
  opts: { headings: Heading[]; fileBase: string; review: boolean },
) {
  const raw =
    typeof data.title === "string" || typeof data.title === "number" ? String(data.title) : "";
  const h1 = opts.headings.find((h) => h.level === 1);
  const fallback = h1 ? plainInline(h1.text) : opts.fileBase.replace(/\.[^.]+$/, "");
  const { title, inProgress, finished } = readCourseTitle(raw.trim() || fallback || opts.fileBase);
  const tags = [
    ...stringList(data.categories ?? data.category, true),
    ...stringList(data.tags ?? data.tag, true),
    ...stringList(data.cluster, false),
    ...(opts.review ? ["review"] : []),
  ].filter((t, i, all) => t !== "" && all.indexOf(t) === i);
  return { title, inProgress, finished: finished === true, tags };
}

const COURSE_LINK = /^https?:\/\/(?:[\w-]+\.)*(?:bilibili\.com|b23\.tv|github\.com)\//i;
const BILIBILI = /^https?:\/\/(?:[\w-]+\.)*(?:bilibili\.com|b23\.tv)\//i;

/** bilibili/github URLs of the intro (text before the first episode); the first bilibili one is the source. */
export function readCourseLinks(lines: string[], from: number, to: number, consumed: Set<number>) {
  const intro = lines.slice(from, to).filter((_, k) => !consumed.has(from + k));
  const links = findUrls(intro.join("\n")).filter((u) => COURSE_LINK.test(u));
  return { links, sourceUrl: links.find((u) => BILIBILI.test(u)) };
}
