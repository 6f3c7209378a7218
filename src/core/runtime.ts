/**
 * Runtimes and positions: `06:39`, `1:27:05`, `46:18` ↔ seconds.
 * Minutes and seconds must be below 60 when an hour part is present or when minutes are two digits
 * after an hour; a bare `MM:SS` allows any minutes (`95:10` is a 95-minute video) but seconds < 60.
 */

const TIME = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{2})$/;

/** Parses `H:MM:SS` or `M:SS`; returns undefined for anything else, including `61:99`. */
export function parseRuntime(text: string): number | undefined {
  const m = TIME.exec(text.trim());
  if (!m) return undefined;
  const h = m[1] === undefined ? 0 : Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3]);
  if (s >= 60) return undefined;
  if (m[1] !== undefined && min >= 60) return undefined;
  return h * 3600 + min * 60 + s;
}

/** True when the text has the shape of a time, valid or not (`61:99` is time-shaped). */
export function looksLikeTime(text: string): boolean {
  return TIME.test(text.trim());
}

/** Formats seconds as `M:SS` or `H:MM:SS`, the way video sites show a runtime. */
export function formatRuntime(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}
