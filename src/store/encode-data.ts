import type { z } from "zod";

/** The parts of zod's internal definition the encoder walks (stable across zod 4 releases). */
interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  reverseTransform?: (value: unknown, ctx: unknown) => unknown;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(["optional", "nullable", "readonly", "nonoptional", "catch", "prefault"]);

/**
 * A model value as its schema writes it to a file: object keys in the schema's order (so the
 * files read in the order docs/library-format.md gives), codecs encoded (seconds → `"1:27:05"`),
 * keys the schema does not define (the model's `id`, `notes`, `at`…) left out, and a flag at its
 * default `false` left out (`covered: false` says nothing). It does not validate: inside, the
 * model is trusted (`z.encode` would throw on a value a reader tolerates).
 * @example encodeData(episodeSchema, { number: 7, title: "T", runtime: 5225, notes: "" }) // { number: 7, title: "T", runtime: "1:27:05" }
 */
export function encodeData(schema: z.ZodType, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const def = defOf(schema);
  if (WRAPPERS.has(def.type) && def.innerType) return encodeData(def.innerType, value);
  switch (def.type) {
    case "default":
      if (def.defaultValue === false && value === false) return undefined;
      return def.innerType ? encodeData(def.innerType, value) : value;
    case "pipe":
      // A codec: the model's side back to the file's, then as the file's side writes it.
      if (def.reverseTransform && def.in) {
        return encodeData(def.in, def.reverseTransform(value, { value, issues: [] }));
      }
      return value;
    case "object": {
      if (typeof value !== "object") return value;
      const out: Record<string, unknown> = {};
      const record = value as Record<string, unknown>;
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const encoded = encodeData(field, record[key]);
        if (encoded !== undefined) out[key] = encoded;
      }
      return out;
    }
    case "array": {
      const element = def.element;
      return Array.isArray(value) && element ? value.map((v) => encodeData(element, v)) : value;
    }
    case "record": {
      const valueType = def.valueType;
      if (typeof value !== "object" || !valueType) return value;
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) out[key] = encodeData(valueType, v);
      return out;
    }
    default:
      return value;
  }
}
