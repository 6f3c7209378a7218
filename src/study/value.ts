/**
 * The value of a work, as Mu Li rates it: novelty × effectiveness × size of the problem, each
 * from 1 to 5. The product (1–125) orders papers; the label buckets it at the cubes of 2, 3 and 4.
 */

export interface ValueRating {
  novelty: number;
  effectiveness: number;
  problemSize: number;
}

export type ValueLabel = "low" | "moderate" | "high" | "outstanding";

export const VALUE_MIN = 1;
export const VALUE_MAX = 5;

const isFactor = (n: number): boolean => Number.isInteger(n) && n >= VALUE_MIN && n <= VALUE_MAX;

/** Whether every factor is a whole number from 1 to 5. */
export function isValueRating(value: ValueRating): boolean {
  return isFactor(value.novelty) && isFactor(value.effectiveness) && isFactor(value.problemSize);
}

/**
 * The mean of the three factors (1–5): the scale a seed's weight (`seedWeight`) is read on.
 */
export function valueMean(value: ValueRating): number {
  return (value.novelty + value.effectiveness + value.problemSize) / 3;
}

/** The product of the three factors (1–125). */
export function valueScore(value: ValueRating): number {
  return value.novelty * value.effectiveness * value.problemSize;
}

/** `low` up to 2×2×2, `moderate` up to 3×3×3, `high` up to 4×4×4, `outstanding` above. */
export function valueLabel(score: number): ValueLabel {
  if (score <= 8) return "low";
  if (score <= 27) return "moderate";
  if (score <= 64) return "high";
  return "outstanding";
}

/**
 * Parses `N,E,P` (novelty, effectiveness, problem size); `undefined` unless each is 1–5.
 * @example parseValueRating("4,5,5") // { novelty: 4, effectiveness: 5, problemSize: 5 }
 */
export function parseValueRating(text: string): ValueRating | undefined {
  const parts = text.split(/[,\s×x*]+/).filter((p) => p !== "");
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return undefined;
  const [novelty, effectiveness, problemSize] = parts.map(Number) as [number, number, number];
  const value = { novelty, effectiveness, problemSize };
  return isValueRating(value) ? value : undefined;
}
