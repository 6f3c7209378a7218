import { describe, expect, it } from "vitest";
import { makeLibrary, makePaper } from "../core/make-items.js";
import { createMarkdownProcessor } from "../render/index.js";
import { checkNoteLinks } from "../store/index.js";
import { createSiteRoutes } from "./create-site-routes.js";

/**
 * `doctor` finds references with core's scanner, `build` with the renderer (markdown-it): on notes
 * full of the cases where they could part — code, math, links, definitions, footnotes, e-mail —
 * both must report the same broken links at the same lines (docs/notes.md).
 */
const NOTES = [
  "Plain [[gone]] and [@nope] and [see @ok; @missing, p. 2].",
  "`[[in code]]` ``[@in-code]`` and\n\n```\n[[fenced]] [@fenced]\n```\n\n~~~~\n[[tilde]]\n~~~~\nafter [[after-fence]]",
  "$$\n[[in-math]]\n$$\n\nmail a@gone.org, [write to b@gone.org], @handle, [[ok]]",
  "[@defined] is a link here.\n\n[@defined]: https://example.org/\n\n[^1] and [^1]: a footnote [[in-footnote]]",
  "[text](#frag) [[gone#Heading|label]] ![[missing.png]] ![[note-embed]]",
  "## Heading with [[heading-link]]\n\n- list [[list-link]]\n  - nested [@nested]\n\n> quote [[quoted]]",
  "Two on a line: [[a1]] [[a2]]; one [[Twin]] ambiguous.",
];

describe("doctor and the renderer report the same broken note links", () => {
  const library = makeLibrary({
    papers: [
      makePaper({ id: "ok", short: "OK" }),
      makePaper({ id: "twin-a", short: "Twin" }),
      makePaper({ id: "twin-b", short: "Twin" }),
      ...NOTES.map((notes, i) => makePaper({ id: `note-${i}`, notes })),
    ],
  });

  it("on every note of the corpus", () => {
    const site = createSiteRoutes(library, {
      markdown: createMarkdownProcessor(),
      baseUrl: "/",
      now: () => new Date("2026-01-01T00:00:00Z"),
    });
    const key = (d: { file: string; line: number; message: string }) =>
      `${d.file}:${d.line} ${d.message}`;
    const rendered = NOTES.flatMap(
      (_, i) => site.render(`/papers/note-${i}/`).diagnostics ?? [],
    ).filter((d) => d.rule.startsWith("xref-"));
    const doctor = checkNoteLinks(library);
    expect(doctor.map(key).sort()).toEqual(rendered.map(key).sort());
    expect(doctor.length).toBeGreaterThanOrEqual(12);
  });
});
