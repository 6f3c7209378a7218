import type { Heading } from "../study-log/headings.js";

/**
 * The prose of a paper list — its introduction, a category's blurb, a section without papers
 * (`## License`) — kept as written (Markdown), not only named in the report.
 */
export interface ListProse {
  /** The list's own text: before the first category, and the sections that hold no paper. */
  intro?: string;
  /** A category heading's line index → the text under it that is no paper. */
  byHeading: Map<number, string>;
}

export interface ProseInput {
  lines: string[];
  fenced: Set<number>;
  /** The first line after the front matter. */
  start: number;
  headings: Heading[];
  /** Heading line indices that became categories. */
  categories: ReadonlySet<number>;
  /** Lines something else took: papers, their notes, paper tables, the title, a table of contents. */
  taken: (index: number) => boolean;
}

/**
 * Collects every line of a paper list that no paper, note or structure took. Text under a
 * category heading goes to that category (`description`); any other text, with the heading of a
 * section without papers kept as a line of it, goes to the list (`settings.description`).
 * Paragraphs stay paragraphs: lines next to each other are one block, blocks are joined by a
 * blank line, fenced code is kept whole.
 */
export function collectListProse(input: ProseInput): ListProse {
  const { lines, fenced, headings, categories, taken } = input;
  const blocks = new Map<number, string[][]>();
  const INTRO = -1;
  let owner = INTRO;
  let heading: Heading | undefined;
  let headingKept = true;
  let open: string[] | undefined;
  const headingAt = new Map(headings.map((h) => [h.index, h]));
  const push = (line: string) => {
    if (!open) {
      open = [];
      const list = blocks.get(owner) ?? [];
      list.push(open);
      blocks.set(owner, list);
    }
    open.push(line);
  };
  for (let i = input.start; i < lines.length; i++) {
    const line = lines[i] as string;
    const h = headingAt.get(i);
    if (h && !fenced.has(i)) {
      open = undefined;
      heading = h;
      owner = categories.has(h.index) ? h.index : INTRO;
      // A section without papers (`## License`): its heading is part of the list's text, once
      // the section has text; a heading something else took (the title, contents) is not.
      headingKept = owner !== INTRO || taken(i);
      continue;
    }
    if (fenced.has(i)) {
      if (!headingKept && heading) {
        push(lines[heading.index] as string);
        open = undefined;
        headingKept = true;
      }
      push(line);
      continue;
    }
    if (line.trim() === "" || taken(i)) {
      open = undefined;
      continue;
    }
    if (!headingKept && heading) {
      push(lines[heading.index] as string);
      open = undefined;
      headingKept = true;
    }
    push(line);
  }
  const text = (list: string[][] | undefined) =>
    list && list.length > 0 ? list.map((b) => b.join("\n")).join("\n\n") : undefined;
  const byHeading = new Map<number, string>();
  for (const [at, list] of blocks) {
    const t = text(list);
    if (at !== INTRO && t) byHeading.set(at, t);
  }
  const intro = text(blocks.get(INTRO));
  return intro === undefined ? { byHeading } : { intro, byHeading };
}
