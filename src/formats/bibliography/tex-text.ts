/**
 * TeX in bibliography fields, to and from the model's plain Unicode text: accents (`{\"o}` ↔ ö),
 * symbols (`\ss`, `\&`), dashes (`--` ↔ –), protected capitals (`{BERT}`: the braces go, the
 * capitals stay, and an export protects them again) and math, which is kept exactly as written
 * (`$O(n^2)$`: the site renders it with KaTeX). Every table is data; both scans are linear.
 */

/** Accent commands and the combining mark each one puts on the next letter. */
const ACCENTS: Record<string, string> = {
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  '"': "\u0308",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  u: "\u0306",
  v: "\u030c",
  H: "\u030b",
  c: "\u0327",
  k: "\u0328",
  r: "\u030a",
  d: "\u0323",
  b: "\u0331",
};

/** Commands that stand for one character. */
const SYMBOLS: Record<string, string> = {
  ss: "ß",
  o: "ø",
  O: "Ø",
  ae: "æ",
  AE: "Æ",
  oe: "œ",
  OE: "Œ",
  aa: "å",
  AA: "Å",
  l: "ł",
  L: "Ł",
  i: "ı",
  j: "ȷ",
  "&": "&",
  "%": "%",
  $: "$",
  "#": "#",
  _: "_",
  "{": "{",
  "}": "}",
  " ": " ",
  textendash: "–",
  textemdash: "—",
  ldots: "…",
  dots: "…",
  textbackslash: "\\",
  textasciitilde: "~",
  textregistered: "®",
  copyright: "©",
  textdegree: "°",
  LaTeX: "LaTeX",
  TeX: "TeX",
};

/** Commands whose one argument is text to keep (the markup goes). */
const TEXT_COMMANDS = new Set([
  "emph",
  "textit",
  "textbf",
  "textsc",
  "texttt",
  "textrm",
  "textsf",
  "textup",
  "textnormal",
  "mkbibemph",
  "mkbibquote",
  "enquote",
  "mbox",
  "url",
  "textsubscript",
  "NoCaseChange",
]);

/** Font switches and spacing commands with no text of their own. */
const DROPPED = new Set(["it", "bf", "em", "rm", "sc", "sf", "tt", "relax", "noopsort", "/"]);

export const SUPERSCRIPT: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "+": "⁺",
  "-": "⁻",
};

const isLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/** The end (exclusive) of the braced group opening at `at`, or the text's end when unclosed. */
function groupEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return text.length;
}

/** The end (exclusive) of the math opened by `$` at `at`, or -1 when it never closes. */
function mathEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "$") return i + 1;
  }
  return -1;
}

/** One argument after a command at `at`: a braced group or one character; [text, next index]. */
function argument(text: string, at: number): [string, number] {
  let i = at;
  while (text[i] === " ") i++;
  if (text[i] === "{") {
    const end = groupEnd(text, i);
    return [text.slice(i + 1, end - 1), end];
  }
  return [text[i] ?? "", i + 1];
}

/**
 * A TeX field as plain text: accents and symbols become Unicode, protective braces go, math
 * stays as written, runs of spaces become one.
 * @example decodeTex('{BERT} by G{\\"o}del in $O(n^2)$') // "BERT by Gödel in $O(n^2)$"
 */
export function decodeTex(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "$") {
      const end = mathEnd(text, i);
      if (end > 0) {
        out += text.slice(i, end);
        i = end;
        continue;
      }
      out += c;
      i++;
    } else if (c === "\\") {
      const [piece, next] = command(text, i);
      out += piece;
      i = next;
    } else if (c === "{" || c === "}") {
      i++;
    } else if (c === "-" && text.startsWith("--", i)) {
      const em = text.startsWith("---", i);
      out += em ? "—" : "–";
      i += em ? 3 : 2;
    } else if (c === "~") {
      out += "\u00a0";
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out
    .replace(/[ \t\r\n]+/g, " ")
    .trim()
    .normalize("NFC");
}

/** The text a command at `at` (a backslash) stands for, and where reading goes on. */
function command(text: string, at: number): [string, number] {
  const next = text[at + 1];
  if (next === undefined) return ["\\", at + 1];
  if (next === "\\") return [" ", at + 2];
  if (!isLetter(next)) {
    const mark = ACCENTS[next];
    if (mark !== undefined) return accented(text, at + 2, mark);
    return [SYMBOLS[next] ?? next, at + 2];
  }
  let end = at + 1;
  while (isLetter(text[end])) end++;
  const name = text.slice(at + 1, end);
  const mark = ACCENTS[name];
  if (mark !== undefined && name.length === 1) return accented(text, end, mark);
  // `\ss{}` and `\ss ` end where the name ends; the empty group or one space is the terminator.
  const after = text.startsWith("{}", end) ? end + 2 : text[end] === " " ? end + 1 : end;
  const symbol = SYMBOLS[name];
  if (symbol !== undefined) return [symbol, after];
  if (DROPPED.has(name)) return ["", after];
  if (name === "textsuperscript") {
    const [arg, stop] = argument(text, end);
    const plain = decodeTex(arg);
    const sup = [...plain].map((ch) => SUPERSCRIPT[ch] ?? "");
    return [sup.every((s) => s !== "") ? sup.join("") : plain, stop];
  }
  if (TEXT_COMMANDS.has(name)) {
    const [arg, stop] = argument(text, end);
    return [decodeTex(arg), stop];
  }
  // An unknown command is kept as written: nothing a person typed is dropped.
  return [text.slice(at, end), end];
}

/** The accented letter after an accent command (`{o}`, `o`, `{\i}`), with its combining mark. */
function accented(text: string, at: number, mark: string): [string, number] {
  const [arg, next] = argument(text, at);
  const base = arg === "\\i" ? "i" : arg === "\\j" ? "j" : decodeTex(arg);
  if (base === "") return [mark.normalize("NFC"), next];
  return [`${base.slice(0, 1)}${mark}${base.slice(1)}`.normalize("NFC"), next];
}

/** Letter + combining mark → accent command, for the classic BibTeX export (ASCII where it can). */
const ACCENT_OF_MARK = new Map(Object.entries(ACCENTS).map(([cmd, mark]) => [mark, cmd]));
const SYMBOL_OF_CHAR = new Map(
  Object.entries(SYMBOLS)
    .filter(([cmd]) => /^[A-Za-z]+$/.test(cmd) && cmd.length <= 2)
    .map(([cmd, ch]) => [ch, cmd]),
);

const SPECIAL: Record<string, string> = {
  "&": "\\&",
  "%": "\\%",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "\\": "\\textbackslash{}",
  "\u00a0": "~",
  "–": "--",
  "—": "---",
};

export interface EncodeTexOptions {
  /** Write accented letters as TeX accents (`{\"o}`), as classic BibTeX wants; else UTF-8. */
  ascii?: boolean;
  /** Brace words with capitals inside (`{BERT}`, `{GaN}`) so styles keep their case (titles). */
  protectCase?: boolean;
}

/** A character outside math, written for a .bib file. */
function encodeChar(ch: string, ascii: boolean): string {
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  if (!ascii || ch.charCodeAt(0) < 128) return ch;
  const symbol = SYMBOL_OF_CHAR.get(ch);
  if (symbol !== undefined) return `{\\${symbol}}`;
  const [base, mark, ...rest] = [...ch.normalize("NFD")];
  const cmd = mark === undefined ? undefined : ACCENT_OF_MARK.get(mark);
  if (base === undefined || cmd === undefined || rest.length > 0) return ch;
  return /^[A-Za-z]$/.test(cmd) ? `{\\${cmd}{${base}}}` : `{\\${cmd}${base}}`;
}

/** Whether an ASCII character ends a word in `encodeTex` (white space or punctuation but - and '). */
const ASCII_BREAK = Array.from({ length: 128 }, (_, code) => {
  const ch = String.fromCharCode(code);
  return /[\s\p{P}]/u.test(ch) && ch !== "-" && ch !== "'";
});
const PLAIN_WORD = /^[A-Za-z0-9]+$/;

/** A word that a style would lower-case wrongly: a capital after its first letter (`BERT`, `GaN`). */
const CASED_WORD = /^\P{L}*\p{L}[\p{L}\p{N}]*\p{Lu}/u;

/**
 * Plain text as a .bib field value (without the outer braces): TeX specials escaped, math kept
 * as written, optionally ASCII accents and protected capitals.
 * @example encodeTex("BERT & Gödel", { ascii: true, protectCase: true }) // '{BERT} \\& G{\\"o}del'
 */
export function encodeTex(text: string, opts: EncodeTexOptions = {}): string {
  // Most fields (titles, names, venues) hold nothing to escape: they are written as they are.
  // `encodeTexChars` on such a text changes nothing (no special, no math, no non-ASCII, and with
  // protectCase no word a capital after its first letter could make cased); a property test
  // holds the two equal.
  if (NOTHING_TO_ESCAPE.test(text) && !(opts.protectCase && ANY_CASED_RUN.test(text))) return text;
  return encodeTexChars(text, opts);
}

/** Text `encodeTex` writes as it is: no TeX special, no `$`, nothing beyond ASCII. */
const NOTHING_TO_ESCAPE = /^[^&%#_{}~\\$\u0080-\uffff]*$/;
/** A run of letters and digits with a capital after its first letter (any word CASED_WORD takes has one). */
const ANY_CASED_RUN = /\p{L}[\p{L}\p{N}]*\p{Lu}/u;

/** `encodeTex` character by character (exported for its test). */
export function encodeTexChars(text: string, opts: EncodeTexOptions = {}): string {
  let out = "";
  let i = 0;
  let word = "";
  const ascii = opts.ascii === true;
  const flush = () => {
    if (word === "") return;
    // Most words are plain ASCII letters and digits, which encodeChar writes as they are.
    const written = PLAIN_WORD.test(word)
      ? word
      : [...word].map((ch) => encodeChar(ch, ascii)).join("");
    out += opts.protectCase && CASED_WORD.test(word) ? `{${written}}` : written;
    word = "";
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "$") {
      const end = mathEnd(text, i);
      if (end > 0) {
        flush();
        out += text.slice(i, end);
        i = end;
        continue;
      }
      flush();
      out += "\\$";
      i++;
      continue;
    }
    const unit = text.charCodeAt(i);
    if (unit < 128) {
      // ASCII: the same split as below, from a table instead of a regular expression.
      i++;
      if (ASCII_BREAK[unit]) {
        flush();
        out += encodeChar(c, ascii);
      } else word += c;
      continue;
    }
    const code = text.codePointAt(i) as number;
    const ch = String.fromCodePoint(code);
    i += ch.length;
    if (/[\s\p{P}]/u.test(ch) && ch !== "-" && ch !== "'") {
      flush();
      out += encodeChar(ch, ascii);
    } else {
      word += ch;
    }
  }
  flush();
  return out;
}
