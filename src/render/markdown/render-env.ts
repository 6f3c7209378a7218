import type { Diagnostic } from "../../core/index.js";

/** The video an episode note's timestamps jump into. */
export interface EpisodeVideo {
  site: "bilibili" | "youtube";
  id: string;
  /** bilibili multi-part videos: the part (1-based). */
  part?: number;
}

/** What a bibliography shows of a cited paper (the model's fields, formatted by jingdu). */
export interface CitedWork {
  authors: string[];
  year?: number;
  title: string;
  venue?: string;
  arxiv?: string;
  doi?: string;
}

/** A library item a `[[ref]]` or `[@ref]` link points at. */
export interface ResolvedItem {
  href: string;
  title: string;
  /** For a paper: what its bibliography entry shows when a note cites it. */
  work?: CitedWork;
}

/** A `[[ref]]` that names several items (their ids): it links to none. */
export interface AmbiguousItem {
  ambiguous: string[];
}

/** What a note is and where it lives; one per `render` call. */
export interface RenderContext {
  /** Path of the note's file, used in diagnostics. */
  file: string;
  kind: "paper" | "episode" | "course";
  /** Timestamps (`46:18`) become links only for an episode note with a video. */
  episodeVideo?: EpisodeVideo;
  /**
   * Resolves a `[[ref]]`'s target (`resnet`, `limu/7`, a title or short name) or, written with
   * its `@` (`@he2016deep`), a citation key to a library item (see core's `createItemResolver`).
   */
  resolveItem?: (ref: string) => ResolvedItem | AmbiguousItem | undefined;
  /** The heading of the bibliography that ends a note citing papers; default "References". */
  bibliographyTitle?: string;
  /**
   * Lines of the file before the note's first line (its front matter), added to every diagnostic
   * line so that it points into the file. Default 0: lines count from the note's first line.
   */
  lineOffset?: number;
  /**
   * Maps a relative image path (`files/residual-block.svg`, relative to the library root) to the
   * URL it is served at; undefined leaves it as written.
   */
  resolveAsset?: (path: string) => string | undefined;
  /** The archived copy of a cited URL, when there is one (see `ArchivedLink`). */
  archive?: (url: string) => ArchivedLink | undefined;
}

/**
 * An archived copy of a cited page, with labels in the page's language. When `preferSnapshot`
 * (the live page was last found dead), the link points at the snapshot and the live URL follows.
 */
export interface ArchivedLink {
  href: string;
  /** Text of the small link to the snapshot, e.g. "存档" / "archived". */
  label: string;
  /** Tooltip, e.g. "archived 2025-12-01". */
  title: string;
  preferSnapshot: boolean;
  /** Text of the small link to the live URL when the snapshot comes first, e.g. "原链接（已失效）". */
  liveLabel: string;
}

export interface TocEntry {
  level: number;
  id: string;
  text: string;
}

export interface RenderResult {
  html: string;
  toc: TocEntry[];
  diagnostics: Diagnostic[];
  /** The page needs KaTeX's CSS. */
  hasMath: boolean;
  /** The page needs the Mermaid script. */
  hasMermaid: boolean;
  /** External (http/https) link targets, in order of first appearance, without duplicates. */
  links: string[];
}

/** Per-render state the plugins share through markdown-it's `env`. */
export interface RenderEnv {
  readonly context: RenderContext;
  readonly diagnostics: Diagnostic[];
  readonly toc: TocEntry[];
  readonly links: string[];
  readonly linkSet: Set<string>;
  readonly headingIds: Set<string>;
  /** Trusted HTML (KaTeX output) put back after sanitizing; see `trusted-fragments.ts`. */
  readonly fragments: string[];
  readonly fragmentNonce: string;
  hasMath: boolean;
  hasMermaid: boolean;
  /** The rendered HTML goes through the sanitizer, so trusted HTML must wait in placeholders. */
  sanitizing: boolean;
  /** 0-based line of the block whose inline content is being parsed (see `source-lines.ts`). */
  inlineLine: number;
  /** That block is a heading (`#tags` are not read there). */
  inHeading: boolean;
  /** Papers the note cites, by page, in order of first citation: its bibliography. */
  readonly cited: Map<string, ResolvedItem>;
}

export function createRenderEnv(context: RenderContext, fragmentNonce: string): RenderEnv {
  return {
    context,
    diagnostics: [],
    toc: [],
    links: [],
    linkSet: new Set(),
    headingIds: new Set(),
    fragments: [],
    fragmentNonce,
    hasMath: false,
    hasMermaid: false,
    sanitizing: true,
    inlineLine: 0,
    inHeading: false,
    cited: new Map(),
  };
}

/** Records a diagnostic at a 1-based line of the note. */
export function report(
  env: RenderEnv,
  diagnostic: Omit<Diagnostic, "file" | "line">,
  noteLine: number,
): void {
  const line = noteLine > 0 ? noteLine + (env.context.lineOffset ?? 0) : 0;
  env.diagnostics.push({ ...diagnostic, file: env.context.file, line });
}
