import { describe, expect, it } from "vitest";
import { parseValueRating, valueLabel, valueMean, valueScore } from "./value.js";

describe("value rating", () => {
  it("reads the mean of the three factors, the scale seeds and negatives use", () => {
    expect(valueMean({ novelty: 1, effectiveness: 2, problemSize: 3 })).toBe(2);
    expect(valueMean({ novelty: 5, effectiveness: 5, problemSize: 2 })).toBe(4);
  });

  it("multiplies novelty, effectiveness and problem size", () => {
    const v = parseValueRating("4,5,5");
    expect(v).toEqual({ novelty: 4, effectiveness: 5, problemSize: 5 });
    expect(v && valueScore(v)).toBe(100);
    expect(parseValueRating("3 3 3")).toEqual({ novelty: 3, effectiveness: 3, problemSize: 3 });
  });

  it("labels the product at the cubes of 2, 3 and 4", () => {
    expect([1, 8, 9, 27, 28, 64, 65, 125].map(valueLabel)).toEqual([
      "low",
      "low",
      "moderate",
      "moderate",
      "high",
      "high",
      "outstanding",
      "outstanding",
    ]);
  });

  it("refuses factors outside 1–5 and anything but three numbers", () => {
    for (const bad of ["0,3,3", "6,1,1", "1,2", "1,2,3,4", "a,b,c", "2.5,3,3", ""]) {
      expect(parseValueRating(bad), bad).toBeUndefined();
    }
  });
});
