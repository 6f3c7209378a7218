import { createRequire } from "node:module";
import type katex from "katex";
import type MarkdownIt from "markdown-it";
import type footnote from "markdown-it-footnote";
import type sanitizeHtml from "sanitize-html";

const require = createRequire(import.meta.url);

/**
 * The packages that render a note, loaded with `require` when first used instead of imported with
 * this folder: importing the renderer costs little, and a processor made lazily loads them
 * synchronously, mid-build, the first time a note must be rendered. A build whose notes all come
 * from the render cache, or that renders no page with a note, never loads them (about 0.2 s;
 * their CommonJS builds load faster than markdown-it's tree of ES modules).
 */
export const renderPackages = {
  katex: () => require("katex") as typeof katex,
  markdownIt: () => require("markdown-it") as typeof MarkdownIt,
  footnote: () => require("markdown-it-footnote") as typeof footnote,
  sanitizeHtml: () => require("sanitize-html") as typeof sanitizeHtml,
};

/** Loads every rendering package now (a server does it in the background, before a note is asked for). */
export function loadRenderPackages(): void {
  for (const load of Object.values(renderPackages)) load();
}
