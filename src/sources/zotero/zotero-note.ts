/**
 * A Zotero note (HTML, as Zotero's note editor writes it) as Markdown, with turndown. What cannot
 * be Markdown is dropped but its text is kept: scripts, styles and embeds go, a link whose URL
 * the URL policy refuses keeps its text, an image without an allowed source keeps its alt text,
 * and math (`<span class="math">$…$</span>`, `<pre class="math">$$…$$</pre>`) is written as it is.
 */
import TurndownService from "turndown";
import { isAllowedUrl, isWebUrl } from "../../core/index.js";

/** Elements whose content is no note text (removed with what they hold). */
const DROPPED = [
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "noscript",
  "template",
  "head",
  "title",
  "meta",
  "link",
  "form",
  "button",
  "select",
  "svg",
  "math",
] as const;

/** The part of a DOM element the rules read (the project's TypeScript has no DOM types). */
interface Element {
  getAttribute(name: string): string | null;
}

let service: TurndownService | undefined;

function turndown(): TurndownService {
  if (service) return service;
  const t = new TurndownService({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
    emDelimiter: "*",
  });
  t.remove([...DROPPED] as unknown as TurndownService.Filter);
  t.addRule("zotero-math", {
    filter: (node) =>
      (node.nodeName === "SPAN" || node.nodeName === "PRE") &&
      /\bmath\b/.test((node as unknown as Element).getAttribute("class") ?? ""),
    replacement: (_content, node) => {
      const tex = (node.textContent ?? "").trim();
      return node.nodeName === "PRE" ? `\n\n${tex}\n\n` : tex;
    },
  });
  t.addRule("policy-links", {
    filter: (node) =>
      node.nodeName === "A" &&
      !isAllowedUrl((node as unknown as Element).getAttribute("href") ?? ""),
    replacement: (content) => content,
  });
  t.addRule("policy-images", {
    filter: (node) => {
      if (node.nodeName !== "IMG") return false;
      const src = (node as unknown as Element).getAttribute("src") ?? "";
      return !(isWebUrl(src) || (src.startsWith("data:") && isAllowedUrl(src, { image: true })));
    },
    replacement: (_content, node) => {
      const alt = ((node as unknown as Element).getAttribute("alt") ?? "").trim();
      return alt === "" ? "" : `[image: ${alt}]`;
    },
  });
  service = t;
  return t;
}

/** The text of HTML without its tags: the last resort, so a note's words are never lost. */
function plainText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div|h\d|li|tr)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * One note's HTML as Markdown.
 * @example zoteroNoteToMarkdown("<p>Read <b>twice</b></p>") // "Read **twice**"
 */
export function zoteroNoteToMarkdown(html: string): string {
  if (html.trim() === "") return "";
  const markdown = turndown().turndown(html).trim();
  return markdown === "" ? plainText(html) : markdown;
}
