import type { z } from "zod";
import type { Diagnostic } from "../core/index.js";
import { lineOfPath, type ParsedYaml } from "./yaml-document.js";

/** A key the format does not define; kept in the file, reported once per key and file kind. */
export interface UnknownKey {
  /** Dotted path of the key, e.g. `ids.pmid`. */
  key: string;
  line: number;
}

export interface Validated<T> {
  /** The value, when the data (possibly with invalid optional parts left out) fits the schema. */
  value?: T;
  diagnostics: Diagnostic[];
  unknownKeys: UnknownKey[];
}

export interface ValidateOptions {
  file: string;
  /** Top-level keys without which the item is meaningless: a problem there skips the file. */
  required: readonly string[];
  /**
   * How much to leave out around an invalid value: the length of the path prefix to drop
   * (2 drops `links.0` for a bad `links.0.url`; 1 drops the whole top-level field).
   */
  dropDepth: (path: readonly PropertyKey[]) => number;
}

const DROP = Symbol("drop");

function ruleFor(path: readonly PropertyKey[], missing: boolean, params?: unknown): string {
  if (missing) return "missing-field";
  // A refinement may name its own rule (e.g. `url-scheme-not-allowed`, see schemas.ts).
  const own = (params as { rule?: unknown } | undefined)?.rule;
  if (typeof own === "string") return own;
  const last = [...path].reverse().find((p) => typeof p === "string");
  if (last === "runtime" || last === "position") return "runtime-invalid";
  if (last === "date") return "date-invalid";
  return "invalid-value";
}

function markDrop(root: unknown, path: readonly PropertyKey[]): void {
  let node = root as Record<PropertyKey, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = node?.[key];
    if (next === null || typeof next !== "object") return;
    node = next as Record<PropertyKey, unknown>;
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (Array.isArray(node)) node[last as number] = DROP;
  else delete node[last];
}

function sweep(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== DROP).map(sweep);
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = sweep(v);
  }
  return value;
}

const describe = (path: readonly PropertyKey[]): string =>
  path.length === 0 ? "" : `${path.map(String).join(".")}: `;

/**
 * Validates parsed YAML against a schema. Unknown keys become `unknownKeys`; an invalid optional
 * value is reported and left out so the rest of the item still loads; a problem with a required
 * field skips the item.
 */
export function validateData<S extends z.ZodType>(
  schema: S,
  data: unknown,
  parsed: ParsedYaml,
  options: ValidateOptions,
): Validated<z.output<S>> {
  const diagnostics: Diagnostic[] = [];
  const unknownKeys: UnknownKey[] = [];
  let current = data;
  let cloned = false;
  for (let attempt = 0; attempt < 4; attempt++) {
    const result = schema.safeParse(current);
    if (result.success) return { value: result.data, diagnostics, unknownKeys };
    if (!cloned) {
      current = structuredClone(current);
      cloned = true;
    }
    const fatal: Diagnostic[] = [];
    const drops: PropertyKey[][] = [];
    for (const issue of result.error.issues) {
      const path = issue.path;
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const keyPath = [...path, key];
          unknownKeys.push({
            key: keyPath.map(String).join("."),
            line: lineOfPath(parsed, keyPath),
          });
          drops.push(keyPath);
        }
        continue;
      }
      const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
      const depth = Math.min(options.dropDepth(path), path.length);
      const isFatal =
        depth === 0 || (depth === 1 && options.required.includes(String(path[0] ?? "")));
      const diagnostic: Diagnostic = {
        level: "error",
        rule: ruleFor(path, missing, "params" in issue ? issue.params : undefined),
        message: `${describe(path)}${missing ? "required field is missing" : issue.message}`,
        file: options.file,
        line: lineOfPath(parsed, path),
      };
      if (isFatal) {
        fatal.push({ ...diagnostic, hint: "The item was skipped; fix this field to load it." });
      } else {
        const dropped = path.slice(0, depth).map(String).join(".");
        diagnostics.push({
          ...diagnostic,
          hint: `\`${dropped}\` was ignored until this is fixed.`,
        });
        drops.push(path.slice(0, depth));
      }
    }
    if (fatal.length > 0) return { diagnostics: [...diagnostics, ...fatal], unknownKeys };
    for (const path of drops) markDrop(current, path);
    current = sweep(current);
  }
  return {
    diagnostics: [
      ...diagnostics,
      {
        level: "error",
        rule: "invalid-value",
        message: "the file could not be read as valid data",
        file: options.file,
        line: parsed.firstLine,
      },
    ],
    unknownKeys,
  };
}
