import { diffLines } from "diff";
import { html, type SafeHtml } from "./html.js";
import type { SiteContext } from "./site-context.js";

/**
 * A revision's time from its name (`2026-12-01T21-51-57-478Z.md`, store/revisions.ts): the ISO
 * instant and the same instant in the local time of the machine, which for `jingdu serve` on
 * 127.0.0.1 is the reader's (`2026-12-02 05:51:57`).
 */
export function revisionTime(name: string): { iso: string; local: string } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(name);
  if (!m) return undefined;
  const iso = `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`;
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, "0");
  const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return { iso, local };
}

/** Lines of context kept around each change; longer unchanged runs fold to `…`. */
const CONTEXT = 3;

/**
 * The changes from a revision to the current text, line by line (`diff`'s `diffLines`): removed
 * lines as `<del>`, added ones as `<ins>`, unchanged runs cut to their first and last lines.
 */
export function revisionDiff(ctx: SiteContext, revision: string, current: string): SafeHtml {
  const changes = diffLines(revision, current);
  if (changes.every((c) => !c.added && !c.removed)) {
    return html`<p class="muted diff-same">${ctx.t.edits.sameAsCurrent}</p>`;
  }
  const lines = (value: string) => value.replace(/\n$/, "").split("\n");
  const out: SafeHtml[] = [];
  changes.forEach((c, i) => {
    const ls = lines(c.value);
    if (c.added) out.push(...ls.map((l) => html`<ins>+ ${l}</ins>`));
    else if (c.removed) out.push(...ls.map((l) => html`<del>- ${l}</del>`));
    else {
      const head = i === 0 ? [] : ls.slice(0, CONTEXT);
      const tail = i === changes.length - 1 ? [] : ls.slice(-CONTEXT);
      const keep = head.length + tail.length >= ls.length ? ls : [...head, "…", ...tail];
      out.push(...keep.map((l) => html`<span>  ${l}</span>`));
    }
  });
  return html`<pre class="revision-diff" aria-label="${ctx.t.edits.diffTitle}">${out.map((l) => html`${l}\n`)}</pre>`;
}
