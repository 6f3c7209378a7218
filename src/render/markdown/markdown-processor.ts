import { randomBytes } from "node:crypto";
import type { PluginSimple, Token } from "markdown-it";
import { flatString } from "../../core/index.js";
import { bibliographyHtml } from "./bibliography.js";
import { figurePlugin } from "./figure-plugin.js";
import { fileLinkPlugin } from "./file-link-plugin.js";
import { createFormulaRenderer } from "./formula-renderer.js";
import { headingAnchorPlugin } from "./heading-anchor-plugin.js";
import { sanitizeNoteHtml } from "./html-sanitizer.js";
import { libraryLinkPlugin } from "./library-link-plugin.js";
import { mathPlugin } from "./math-plugin.js";
import { mermaidPlugin } from "./mermaid-plugin.js";
import { createRenderEnv, type RenderContext, type RenderResult } from "./render-env.js";
import { renderPackages } from "./render-packages.js";
import { DEFAULT_SANITIZE, rendererVersion } from "./renderer-version.js";
import { siteBadgePlugin } from "./site-badge-plugin.js";
import { sourceLinesPlugin } from "./source-lines.js";
import { tagPlugin } from "./tag-plugin.js";
import { timestampPlugin } from "./timestamp-plugin.js";
import { restoreFragments } from "./trusted-fragments.js";
import { isAllowedMarkdownUrl } from "./url-policy.js";

export interface MarkdownProcessorOptions {
  /** Formulas kept in the processor's KaTeX cache; the oldest is dropped beyond this. */
  formulaCacheSize?: number;
  /**
   * `"raw-html"` (default) runs the sanitizer on notes that contain raw HTML; without raw HTML
   * every tag comes from markdown-it's escaping renderers and this folder's plugins, and every URL
   * passed `isAllowedMarkdownUrl`, so the sanitizer would only re-serialize it (it is a third of the
   * render time). `"always"` sanitizes every note.
   */
  sanitize?: "raw-html" | "always";
}

export interface MarkdownProcessor {
  /** Renders one note to sanitized HTML plus its TOC, diagnostics and what the page must load. */
  render(markdown: string, context: RenderContext): RenderResult;
  /**
   * What the output depends on besides the note and its context: the rendering code's version
   * (`rendererCode`) and the options. Equal versions render equal notes to equal results, so a
   * result stored under one may be reused; undefined: never reuse.
   */
  readonly version?: string;
}

const DEFAULTS: Required<MarkdownProcessorOptions> = {
  formulaCacheSize: 20_000,
  sanitize: DEFAULT_SANITIZE,
};

/**
 * Builds the Markdown pipeline once; `render` is then called per note. Renders share the formula
 * cache and nothing else.
 * @example
 * const md = createMarkdownProcessor();
 * const { html, toc, diagnostics } = md.render(note, { file: "papers/resnet.md", kind: "paper" });
 */
export function createMarkdownProcessor(options: MarkdownProcessorOptions = {}): MarkdownProcessor {
  const settings = { ...DEFAULTS, ...options };
  const formulas = createFormulaRenderer(settings.formulaCacheSize);
  // markdown-it is made on the first render: a processor costs nothing until a note is rendered
  // (a build whose notes all come from its render cache never loads the packages).
  let parser: InstanceType<ReturnType<typeof renderPackages.markdownIt>> | undefined;
  const markdownIt = () => {
    if (parser) return parser;
    const MarkdownIt = renderPackages.markdownIt();
    const md = new MarkdownIt("default", { html: true, linkify: false, typographer: false });
    md.validateLink = isAllowedMarkdownUrl;
    md.use(sourceLinesPlugin)
      // @types/markdown-it-footnote is typed against markdown-it's CommonJS declarations.
      .use(renderPackages.footnote() as unknown as PluginSimple)
      .use(mathPlugin, formulas)
      .use(libraryLinkPlugin)
      .use(tagPlugin)
      .use(figurePlugin)
      .use(fileLinkPlugin)
      .use(headingAnchorPlugin)
      .use(siteBadgePlugin)
      .use(timestampPlugin)
      .use(mermaidPlugin);
    parser = md;
    return md;
  };
  // Unguessable per processor, so text a note writes can never pose as a trusted fragment.
  const nonce = randomBytes(8).toString("hex");

  return {
    version: rendererVersion(settings),
    render(markdown, context) {
      const md = markdownIt();
      const env = createRenderEnv(context, nonce);
      const tokens = md.parse(markdown, env);
      env.sanitizing = settings.sanitize === "always" || hasRawHtml(tokens);
      const rendered = md.renderer.render(tokens, md.options, env);
      const note = env.sanitizing ? restoreFragments(sanitizeNoteHtml(rendered), env) : rendered;
      // Made here of escaped model fields and URLs of fixed https origins: nothing to sanitize.
      const html = note + bibliographyHtml(env.cited, context.bibliographyTitle ?? "References");
      return {
        // Kept by caches (the server's rendered notes): flat, not a rope of markdown-it's pieces.
        html: flatString(html),
        toc: env.toc,
        diagnostics: env.diagnostics,
        hasMath: env.hasMath,
        hasMermaid: env.hasMermaid,
        links: env.links,
      };
    },
  };
}

function hasRawHtml(tokens: readonly Token[]): boolean {
  for (const token of tokens) {
    if (token.type === "html_block") return true;
    if (token.children?.some((child) => child.type === "html_inline")) return true;
  }
  return false;
}
