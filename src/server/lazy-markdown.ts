import type { MarkdownProcessor } from "../render/index.js";

/** Thrown by a `LazyMarkdown` processor asked to render before the renderer has loaded. */
export class RendererNotLoaded extends Error {
  constructor() {
    super("the Markdown renderer is still loading");
    this.name = "RendererNotLoaded";
  }
}

/**
 * The Markdown renderer, loaded when first needed: markdown-it, KaTeX and the sanitizer are
 * ~0.4 s of module loading, and most first pages (home, catalog, categories, search) render no
 * note. `processor` throws `RendererNotLoaded` until `load()` has finished; a caller that gets it
 * awaits `load()` and renders again (nothing half-rendered is kept: pages are cached only once
 * rendered whole).
 */
export interface LazyMarkdown {
  processor: MarkdownProcessor;
  /** Loads the renderer (once); resolves when `processor` renders. */
  load(): Promise<void>;
  loaded(): boolean;
}

export function lazyMarkdown(): LazyMarkdown {
  let real: MarkdownProcessor | undefined;
  let loading: Promise<void> | undefined;
  const load = (): Promise<void> => {
    loading ??= import("../render/index.js").then((m) => {
      // The packages too: a processor loads them at its first render otherwise.
      m.loadRenderPackages();
      real = m.createMarkdownProcessor();
    });
    return loading;
  };
  return {
    processor: {
      render(markdown, context) {
        if (!real) throw new RendererNotLoaded();
        return real.render(markdown, context);
      },
    },
    load,
    loaded: () => real !== undefined,
  };
}

/** Runs `work`; when it needs the renderer before it has loaded, loads it and runs `work` again. */
export async function withRenderer<T>(markdown: LazyMarkdown, work: () => T): Promise<T> {
  if (markdown.loaded()) return work();
  try {
    return work();
  } catch (e) {
    if (!(e instanceof RendererNotLoaded)) throw e;
    await markdown.load();
    return work();
  }
}
