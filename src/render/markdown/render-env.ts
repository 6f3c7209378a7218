import type { Diagnostic } from "../../core/index.js";

/** The video an episode note's timestamps jump into. */
export interface EpisodeVideo {
  site: "bilibili" | "youtube";
  id: string;
  /** bilibili multi-part videos: the part (1-based). */
  part?: number;
}

/** A library item a `[[ref]]` or `[@ref]` link points at. */
export interface ResolvedItem {
  href: string;
  title: string;
}

/** What a note is and where it lives; one per `render` call. */
export interface RenderContext {
  /** Path of the note's file, used in diagnostics. */
  file: string;
  kind: "paper" | "episode" | "course";
  /** Timestamps (`46:18`) become links only for an episode note with a video. */
  episodeVideo?: EpisodeVideo;
  /** Resolves `resnet`, `limu/7` or a citation key to a library item. */
  resolveItem?: (ref: string) => ResolvedItem | undefined;
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
