/** Dates as people type them in tables → ISO `YYYY-MM-DD`. */

const FORMATS: { pattern: RegExp; order: "mdy" | "ymd" }[] = [
  { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/, order: "mdy" },
  { pattern: /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, order: "ymd" },
  { pattern: /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/, order: "ymd" },
];

/** Parses `3/30/23` (M/D/YY), `10/06/2021`, `2021-10-06`, `2021年10月6日`; undefined if invalid. */
export function parseTableDate(text: string): string | undefined {
  const value = text.trim();
  for (const { pattern, order } of FORMATS) {
    const m = pattern.exec(value);
    if (!m) continue;
    const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
    let [year, month, day] = order === "mdy" ? [c, a, b] : [a, b, c];
    if (year < 100) year += year < 70 ? 2000 : 1900;
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
    return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  }
  return undefined;
}
