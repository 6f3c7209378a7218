/** A part of a multi-part upload, and bilibili's day (China time). */

export interface BilibiliPart {
  part: number;
  title: string;
  /** Seconds. */
  duration: number;
  cid: string;
  /** ISO date, when bilibili gives the part its own time. */
  date?: string;
}

/** Unix seconds → `YYYY-MM-DD` in UTC+8. */
export function chinaDate(unixSeconds: number): string {
  return new Date((unixSeconds + 8 * 3600) * 1000).toISOString().slice(0, 10);
}
