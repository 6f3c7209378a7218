import { describe, expect, it } from "vitest";
import { EXIT } from "./error-catalogue.js";
import { exitCodeOf, JingduError, missingAs, notALibrary } from "./errors.js";

describe("JingduError from the catalogue", () => {
  it("takes its exit code, HTTP status and default hint from the code's entry", () => {
    const e = notALibrary("/tmp/x");
    expect(e.exitCode).toBe(EXIT.notALibrary);
    expect(e.httpStatus).toBe(404);
    expect(e.hint).toMatch(/jingdu init DIR/);
    const own = new JingduError("bad-time", "--at 99", { hint: "Write it like 1:02:03." });
    expect(own.hint).toBe("Write it like 1:02:03.");
    expect(exitCodeOf(own)).toBe(EXIT.usage);
    expect(exitCodeOf(new Error("a bug"))).toBe(EXIT.failure);
  });
});

describe("missingAs: a missing file has a meaning, other failures are not taken for one", () => {
  it("answers the value for ENOENT and throws anything else on", async () => {
    const enoent = Object.assign(new Error("gone"), { code: "ENOENT" });
    const eacces = Object.assign(new Error("no"), { code: "EACCES" });
    await expect(Promise.reject(enoent).catch(missingAs(null))).resolves.toBeNull();
    await expect(Promise.reject(eacces).catch(missingAs(null))).rejects.toBe(eacces);
  });
});
