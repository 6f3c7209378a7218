import type { MarkdownIt, StateCore, Token } from "markdown-it";
import type { EpisodeVideo, RenderEnv } from "./render-env.js";

/*
 * `1:02:03` or `46:18`, optionally in brackets. Not glued to letters, digits or another `:`/`.`/`/`
 * on either side, so `12:30:45:10`, `v1:20`, `3.14:15` and `1:20/2` stay text.
 */
const TIMESTAMP =
  /(?<![\p{L}\p{N}_:./])(?:(\d{1,2}):(\d{2}):(\d{2})|(\d{1,2}):(\d{2}))(?![\p{N}_]|[:./]\p{N})/gu;
/** A time right after a date (`2024-07-09 12:30`) is a clock time, not a position. */
const DATE_BEFORE = /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]$/;

/**
 * In an episode's notes, turns `46:18`, `1:02:03` and `[46:18]` into links that open the episode's
 * video at that second. Text inside code, math and links is left alone; minutes and seconds must
 * be below 60.
 */
export function timestampPlugin(md: MarkdownIt): void {
  md.core.ruler.push("timestamps", (state: StateCore) => {
    const env = state.env as RenderEnv;
    const video = env.context.episodeVideo;
    if (env.context.kind !== "episode" || !video) return;
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children) continue;
      block.children = linkTimestamps(block.children, video, state);
    }
  });
}

/** The URL that opens `video` at `seconds`. bilibili's `p` is left out for part 1, its default. */
export function timestampUrl(video: EpisodeVideo, seconds: number): string {
  const id = encodeURIComponent(video.id);
  if (video.site === "youtube") return `https://www.youtube.com/watch?v=${id}&t=${seconds}s`;
  const part = video.part !== undefined && video.part > 1 ? `&p=${video.part}` : "";
  return `https://www.bilibili.com/video/${id}/?t=${seconds}${part}`;
}

function linkTimestamps(children: Token[], video: EpisodeVideo, state: StateCore): Token[] {
  const out: Token[] = [];
  let linkDepth = 0;
  let changed = false;
  for (const token of children) {
    if (token.type === "link_open") linkDepth++;
    else if (token.type === "link_close") linkDepth = Math.max(0, linkDepth - 1);
    else if (token.type === "html_inline") {
      if (/^<a[\s>]/i.test(token.content)) linkDepth++;
      else if (/^<\/a\s*>/i.test(token.content)) linkDepth = Math.max(0, linkDepth - 1);
    }
    if (token.type !== "text" || linkDepth > 0 || !token.content.includes(":")) {
      out.push(token);
      continue;
    }
    changed = splitText(token, video, state, out) || changed;
  }
  return changed ? out : children;
}

/** Pushes `token`'s text to `out` with its timestamps as links; false when there were none. */
function splitText(token: Token, video: EpisodeVideo, state: StateCore, out: Token[]): boolean {
  const text = token.content;
  let last = 0;
  let found = false;
  for (const match of text.matchAll(TIMESTAMP)) {
    const seconds = secondsOf(match);
    if (seconds === undefined) continue;
    let start = match.index;
    let end = start + match[0].length;
    if (DATE_BEFORE.test(text.slice(Math.max(0, start - 11), start))) continue;
    if (text[start - 1] === "[" && text[end] === "]") {
      start--;
      end++;
    }
    pushText(out, text.slice(last, start), state);
    const open = new state.Token("link_open", "a", 1);
    open.attrs = [
      ["class", "ts"],
      ["href", timestampUrl(video, seconds)],
    ];
    const label = new state.Token("text", "", 0);
    label.content = match[0];
    out.push(open, label, new state.Token("link_close", "a", -1));
    last = end;
    found = true;
  }
  if (!found) {
    out.push(token);
    return false;
  }
  pushText(out, text.slice(last), state);
  return true;
}

function secondsOf(match: RegExpMatchArray): number | undefined {
  const [, h, hm, hs, m, s] = match;
  const hours = h === undefined ? 0 : Number(h);
  const minutes = Number(h === undefined ? m : hm);
  const seconds = Number(h === undefined ? s : hs);
  if (minutes >= 60 || seconds >= 60) return undefined;
  return hours * 3600 + minutes * 60 + seconds;
}

function pushText(out: Token[], content: string, state: StateCore): void {
  if (content === "") return;
  const token = new state.Token("text", "", 0);
  token.content = content;
  out.push(token);
}
