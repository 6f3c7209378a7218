/**
 * A fast writer for the YAML front matter is written in, the counterpart of fast-yaml.ts: a
 * mapping of plain keys whose values are scalars, lists of scalars (`[a, b]`), maps of scalars
 * (`{arxiv: "1512.03385"}`) and lists of those maps (`- {url: …, kind: pdf}`). It gives exactly
 * the text `stringifyYaml` (the `yaml` library, with our layout rules) gives, or `undefined`
 * ("not sure": a value it does not know how `yaml` would write), and the caller then uses `yaml`.
 * Why: `yaml` takes ~0.7 ms per paper file, 1.4 s of a 2,000-paper import and a third of resolve's
 * own time; this takes a few µs. A differential test keeps the two in step.
 */
import { resolvePlainScalar } from "./fast-yaml.js";

/** An internal signal, caught below (`yaml` takes over): never reaches a user. */
class NotSimple extends Error {}
const bail = (): never => {
  throw new NotSimple();
};

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
/** Anything but printable characters and the plain space: `yaml` escapes or quotes those. */
const UNPRINTABLE = /[^\P{C}]|[^\P{Z} ]|\s(?<! )/u;
const FLOW_INDICATOR = /[,[\]{}]/;
const TIME_SHAPED = /^\d{1,3}(?::\d{2}){1,2}$/;
/** Strings `yaml` writes double-quoted without any escape: plain ASCII it must not leave plain. */
const SIMPLE_QUOTED = /^[A-Za-z0-9_.:+\-/]*$/;

function scalar(value: unknown, flow: boolean): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    const text = String(value);
    return /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/.test(text) && !Object.is(value, -0) ? text : bail();
  }
  if (typeof value !== "string") return bail();
  if (
    value !== "" &&
    resolvePlainScalar(value) === value &&
    !TIME_SHAPED.test(value) &&
    !INDICATOR_START.test(value) &&
    !UNPRINTABLE.test(value) &&
    value.trim() === value &&
    !value.includes(": ") &&
    !value.includes(" #") &&
    !value.endsWith(":") &&
    !value.startsWith("---") &&
    !value.startsWith("...") &&
    !value.includes("'") &&
    !value.includes('"') &&
    !value.includes("\\") &&
    !(flow && FLOW_INDICATOR.test(value))
  ) {
    return value;
  }
  // Quoted only where `yaml` surely quotes: text a reader would take for a number, a boolean,
  // null or (YAML 1.1) a time. Anything else not surely plain is left to `yaml`.
  const misread = value === "" || resolvePlainScalar(value) !== value || TIME_SHAPED.test(value);
  return misread && SIMPLE_QUOTED.test(value) ? `"${value}"` : bail();
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
const isScalar = (v: unknown) =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean";
const key = (k: string): string => (KEY.test(k) && resolvePlainScalar(k) === k ? k : bail());

function flowMap(value: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    pairs.push(`${key(k)}: ${isScalar(v) ? scalar(v, true) : bail()}`);
  }
  return `{${pairs.join(", ")}}`;
}

/**
 * `stringifyYaml(data)` for front-matter-shaped data, or `undefined` when `data` holds anything
 * else (then `yaml` writes it).
 * @example fastStringifyYaml({ short: "ResNet", ids: { arxiv: "1512.03385" } }) // 'short: ResNet\nids: {arxiv: "1512.03385"}\n'
 */
export function fastStringifyYaml(data: unknown): string | undefined {
  if (!isPlainObject(data)) return undefined;
  try {
    let out = "";
    for (const [k, v] of Object.entries(data)) {
      if (v === undefined) continue;
      if (isScalar(v)) out += `${key(k)}: ${scalar(v, false)}\n`;
      else if (Array.isArray(v)) {
        if (v.every(isScalar)) out += `${key(k)}: [${v.map((x) => scalar(x, true)).join(", ")}]\n`;
        else if (v.every(isPlainObject) && v.length > 0) {
          out += `${key(k)}:\n${v.map((m) => `  - ${flowMap(m)}\n`).join("")}`;
        } else bail();
      } else if (isPlainObject(v)) out += `${key(k)}: ${flowMap(v)}\n`;
      else bail();
    }
    return out === "" ? "{}\n" : out;
  } catch (err) {
    if (err instanceof NotSimple) return undefined;
    throw err;
  }
}
