/**
 * The start of a race-test child: it says `ready` and waits for one line on stdin, so the parent
 * can start every child first and release them together (the writes then overlap).
 */
import { createInterface } from "node:readline";

export async function readyThenWaitForGo(): Promise<void> {
  console.log("ready");
  await new Promise<void>((go) => {
    const lines = createInterface({ input: process.stdin });
    lines.once("line", () => {
      lines.close();
      go();
    });
  });
}
