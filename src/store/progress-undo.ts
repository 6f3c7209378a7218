import { isMap, isSeq } from "yaml";
import { readProgress, updateProgressFile } from "./progress.js";

/**
 * Takes one reading pass back out of a paper's entry in progress.yaml (the app's undo); the other
 * passes, sections and value stay as written. False when the pass was not recorded.
 * @example await unsetPaperPass(root, "resnet", 2)
 */
export async function unsetPaperPass(
  root: string,
  paperId: string,
  pass: 1 | 2 | 3,
): Promise<boolean> {
  // Nothing to take back: the file is not rewritten (a rewrite may restyle what a person wrote).
  const before = (await readProgress(root)).papers[paperId]?.passes ?? [];
  if (!before.some((p) => p.pass === pass)) return false;
  let had = false;
  await updateProgressFile(root, (doc) => {
    const current = doc.getIn(["papers", paperId, "passes"], true);
    if (!isSeq(current)) return;
    const index = current.items.findIndex(
      (item) => isMap(item) && Number(item.get("pass")) === pass,
    );
    if (index === -1) return;
    had = true;
    current.items.splice(index, 1);
  });
  return had;
}
