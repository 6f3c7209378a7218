import { describe, expect, it } from "vitest";
import { closeInTurn } from "./browser-file.js";

describe("closeInTurn (a browser file's clean-up)", () => {
  it("runs every step after one fails, in order, then throws that failure", async () => {
    const ran: string[] = [];
    const broken = new Error("server would not stop");
    await expect(
      closeInTurn([
        () => ran.push("server"),
        () => {
          ran.push("fake api");
          throw broken;
        },
        async () => {
          ran.push("chromium");
        },
        () => ran.push("temp folders"),
      ]),
    ).rejects.toBe(broken);
    expect(ran).toEqual(["server", "fake api", "chromium", "temp folders"]);
  });

  it("throws all failures together, and nothing when all close", async () => {
    const err = await closeInTurn([
      () => {
        throw new Error("a");
      },
      () => Promise.reject(new Error("b")),
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AggregateError);
    expect((err as AggregateError).errors.map((e: Error) => e.message)).toEqual(["a", "b"]);
    await expect(closeInTurn([() => undefined])).resolves.toBeUndefined();
  });
});
