import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFileWriter, createThreadedFileWriter } from "./file-writer.js";

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ["on this thread", createFileWriter],
  ["from a thread of its own", createThreadedFileWriter],
])("the site's file writer %s", (_, create) => {
  it("creates folders, and leaves exactly the new bytes in a file that shrinks or grows", () => {
    const dir = mkdtempSync(join(tmpdir(), "jingdu-writer-"));
    temps.push(dir);
    const shrinks = join(dir, "a", "b", "index.html");
    const grows = join(dir, "feed.xml");
    writeFileSync(grows, "short");
    let writer = create();
    writer.write(shrinks, Buffer.from("a long first version of the page ".repeat(50)), true);
    writer.write(grows, Buffer.from("a longer second version"), false);
    writer.close();
    writer = create();
    writer.write(shrinks, Buffer.from("短的"), true);
    writer.close();
    expect(readFileSync(shrinks, "utf8")).toBe("短的");
    expect(readFileSync(grows, "utf8")).toBe("a longer second version");
  });
});
