/**
 * Asking a question at the terminal. Node 20's `readline/promises` leaves a pending `question()`
 * unsettled when the input ends (Ctrl-D, a closed pipe): the command would wait forever, or the
 * process end with exit 13 (an unsettled top-level await). `ask` settles with `undefined` then,
 * so a command treats the end of input as "no more answers" and finishes its work.
 */
import type { Interface } from "node:readline/promises";

/** The answer typed, or `undefined` once the input has ended (then every later ask too). */
export function ask(rl: Interface, prompt: string): Promise<string | undefined> {
  if (ended.has(rl)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onClose = () => {
      ended.add(rl);
      resolve(undefined);
    };
    rl.once("close", onClose);
    rl.question(prompt).then(
      (answer) => {
        rl.off("close", onClose);
        resolve(answer);
      },
      (error: unknown) => {
        rl.off("close", onClose);
        // Node 22 and later reject a pending question when the interface closes: the same end.
        if (ended.has(rl) || (error as { code?: string }).code === "ABORT_ERR") resolve(undefined);
        else reject(error);
      },
    );
  });
}

/** The interfaces whose input has ended: asking them again answers at once. */
const ended = new WeakSet<Interface>();
