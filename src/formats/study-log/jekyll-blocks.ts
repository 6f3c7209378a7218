import { slugify } from "../../core/index.js";
import type { DiagnosticSink } from "./diagnostics.js";
import { liquidTags } from "./liquid-scan.js";

/**
 * The Jekyll a blog post is written with that has a Markdown meaning, converted before any other
 * Liquid is removed: `{% highlight lang %}…{% endhighlight %}` is a fenced code block,
 * `{% raw %}…{% endraw %}` is text to keep as written (its `{{ }}` too), `{{ "/x.png" |
 * relative_url }}` is the path it names, `{% post_url NAME %}` is the post
 * another import makes a course of, and kramdown's `* TOC` + `{:toc}` is the table of contents the
 * site draws by itself. Every scan moves forward only (linear in the text).
 */

/** Characters a kept block hides from the later scans; `restoreProtected` gives them back. */
const PROTECT: Record<string, string> = { "{": "\uE020", "<": "\uE021" };
const UNPROTECT = new Map(Object.entries(PROTECT).map(([k, v]) => [v, k]));

const BLOCK_TAG = /^\s*-?\s*(?:end)?(?:raw|highlight)\b/;
const POST_URL = /^\s*-?\s*post_url\s+(\S+)\s*-?\s*$/;
const RELATIVE_URL =
  /\{\{-?\s?(["'])([^"'{}\n]{0,500})\1\s?\|\s?(?:relative_url|absolute_url)\s?-?\}\}/g;
const TOC_ITEM = /^\s{0,3}(?:[-*+]|1\.)\s+(?:TOC|目录)\s*$/;
const TOC_MARK = /^\s*\{:\s?toc\s?\}\s*$/;

const words = (inner: string) =>
  inner.trim().replace(/^-|-$/g, "").trim().split(/\s+/) as [string, ...string[]];

const protect = (text: string) => text.replace(/[{<]/g, (c) => PROTECT[c] as string);

/** Gives back what `convertJekyllBlocks` protected. */
export function restoreProtected(text: string): string {
  return text.replace(/[\uE020\uE021]/g, (c) => UNPROTECT.get(c) as string);
}

/** True for kramdown's table-of-contents marker lines (`* TOC` before `{:toc}`, and `{:toc}`). */
export function isKramdownToc(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? "";
  if (TOC_MARK.test(line)) return true;
  return TOC_ITEM.test(line) && TOC_MARK.test(lines[index + 1] ?? "");
}

/** The course id an import gives a post file (`2023-05-01-linear-regression` → `linear-regression`). */
function postCourseId(name: string): string {
  return slugify(name.replace(/\.[^.]+$/, "").replace(/^\d{4}-\d{2}-\d{2}-/, ""));
}

/** Converts the blocks above in `text` (whose first line is `firstLine`, 1-based). */
export function convertJekyllBlocks(text: string, firstLine: number, sink: DiagnosticSink): string {
  let out = text;
  if (out.includes("{%")) out = convertTags(out, firstLine, sink);
  if (out.includes("{{")) {
    out = out.replace(RELATIVE_URL, (_m, _q, path: string) => path);
  }
  if (out.includes("{:")) {
    const lines = out.split("\n");
    out = lines.map((l, i) => (isKramdownToc(lines, i) ? "" : l)).join("\n");
  }
  return out;
}

function convertTags(text: string, firstLine: number, sink: DiagnosticSink): string {
  const tags = [
    ...liquidTags(text, { accept: (inner) => BLOCK_TAG.test(inner) || POST_URL.test(inner) }),
  ];
  let out = "";
  let last = 0;
  let line = 0;
  let counted = 0;
  const lineAt = (index: number) => {
    for (; counted < index; counted++) if (text.charCodeAt(counted) === 10) line++;
    return firstLine + line;
  };
  for (let k = 0; k < tags.length; k++) {
    const open = tags[k] as (typeof tags)[number];
    const [name, lang = ""] = words(open.inner);
    const post = POST_URL.exec(open.inner);
    if (post) {
      const id = postCourseId(post[1] as string);
      sink.info(
        "liquid-post-url",
        lineAt(open.index),
        `{% post_url ${post[1]} %} is now ../${id}/ (the course an import of that post makes)`,
      );
      out += `${text.slice(last, open.index)}../${id}/`;
      last = open.end;
      continue;
    }
    // A stray end tag, or a block left open, is left to the removal that reports it.
    if (name !== "raw" && name !== "highlight") continue;
    let j = k + 1;
    while (j < tags.length && words((tags[j] as (typeof tags)[number]).inner)[0] !== `end${name}`)
      j++;
    const close = tags[j];
    if (!close) continue;
    const body = text.slice(open.end, close.index);
    const fence = name === "highlight" ? "```" : "";
    out += text.slice(last, open.index) + fence + (fence ? lang : "") + protect(body) + fence;
    last = close.end;
    k = j;
  }
  return out + text.slice(last);
}
