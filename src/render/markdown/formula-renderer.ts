import { flatString } from "../../core/index.js";
import { renderPackages } from "./render-packages.js";

/** KaTeX's verdict on one formula: HTML, or the error and where in the source it happened. */
export type RenderedFormula =
  | { ok: true; html: string }
  | { ok: false; message: string; position: number | undefined };

export interface FormulaRenderer {
  render(source: string, display: boolean): RenderedFormula;
  readonly cacheSize: number;
}

/*
 * trust: false turns \href, \url, \includegraphics and \htmlClass/\htmlId/\htmlStyle/\htmlData into
 * inert red text; maxExpand and maxSize bound what a hostile formula can cost. strict "ignore" keeps
 * KaTeX quiet about LaTeX-compatibility nits (`\\` in display math, Unicode text) that notes are full of.
 */
const KATEX_OPTIONS = {
  throwOnError: true,
  trust: false,
  strict: "ignore",
  maxExpand: 1000,
  maxSize: 50,
  output: "htmlAndMathml",
} as const;

/**
 * Renders TeX with KaTeX, remembering results (errors too) in a bounded cache keyed by mode and
 * source, so formulas repeated across a library are rendered once.
 */
export function createFormulaRenderer(maxEntries: number): FormulaRenderer {
  const cache = new Map<string, RenderedFormula>();
  return {
    get cacheSize() {
      return cache.size;
    },
    render(source, display) {
      const key = (display ? "D" : "I") + source;
      const cached = cache.get(key);
      if (cached) return cached;
      const result = renderUncached(source, display);
      if (cache.size >= maxEntries) {
        // Maps iterate in insertion order: drop the oldest entry.
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      cache.set(key, result);
      return result;
    },
  };
}

function renderUncached(source: string, display: boolean): RenderedFormula {
  const katex = renderPackages.katex();
  try {
    // Kept in the cache (up to `maxEntries`): flat, not the rope KaTeX's `+=` builds (a small
    // inline formula's rope held ~8 KB of nodes for ~2 KB of text).
    return {
      ok: true,
      html: flatString(katex.renderToString(source, { ...KATEX_OPTIONS, displayMode: display })),
    };
  } catch (error) {
    if (error instanceof katex.ParseError) {
      return { ok: false, message: error.message, position: error.position };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message, position: undefined };
  }
}
