import { type Answer, groupQuestions, questionParts, type SiteRoutes } from "../app/index.js";
import { type BuildRecord, digest, isDigest } from "./build-record.js";
import { isFrozenItem } from "./frozen-items.js";

/**
 * Every question of `last` asked again of `site`'s inputs, except those about an item known to
 * answer them as before: the very frozen object of the builder's last build (`memoryItems`), or
 * one whose print is the one they were last answered with (`usePrints`). Which questions are
 * answered differently now (`changed`), the answers (updated in place in a builder's memory; an
 * answer not asked again from a manifest stays its digest, marked in `digests`), each item and
 * its print by root.
 */
export function askAgain(
  site: SiteRoutes,
  last: BuildRecord,
  memoryItems: Map<string, object | undefined> | undefined,
  usePrints: boolean,
) {
  const { table } = last;
  const known = table.questions.length;
  groupQuestions(table);
  // Answers are updated in place in the builder's memory; from disk they are digests. An
  // answer not asked again stays a digest (`digests`) until it is.
  const answers: Answer[] = last.digested ? new Array(known) : last.answers;
  const digests = last.digested ? new Uint8Array(known) : last.digests;
  const changed = new Uint8Array(known);
  const ask = (i: number) => {
    const answer = site.answerParts(questionParts(table, i));
    const was = last.answers[i];
    answers[i] = answer;
    if (isDigest(last, i)) {
      if (digests) digests[i] = 0;
      if (digest(answer) !== was) changed[i] = 1;
    } else if (!Object.is(answer, was)) changed[i] = 1;
  };
  // An item that is the very (frozen) object of the builder's last build, or whose print is the
  // one its questions were last answered with, answers all of them as it did then (in a new
  // process, the second rule spares asking ~2/3 of the questions); the others are asked again.
  const items = new Map<string, object | undefined>();
  const prints = new Map<string, string>();
  const printOf = (item: object | undefined) =>
    item === undefined ? "-" : digest(site.itemPrint(item));
  const lastItems = last.digested ? undefined : memoryItems;
  let printsChanged = false;
  for (const [root, group] of table.groups) {
    const item = site.itemOf(questionParts(table, group[0] as number));
    items.set(root, item);
    const lastPrint = last.prints.get(root);
    if (item !== undefined && item === lastItems?.get(root) && isFrozenItem(item)) {
      if (lastPrint !== undefined) prints.set(root, lastPrint);
      continue;
    }
    const print = usePrints ? printOf(item) : undefined;
    if (print !== undefined) prints.set(root, print);
    // Another print with the same answers (a library read from its cache orders an item's keys
    // otherwise than one parsed anew): the manifest is written again to hold it.
    if (print !== lastPrint) printsChanged = true;
    if (print !== undefined && print === lastPrint) {
      if (last.digested && digests) {
        for (const i of group) {
          answers[i] = last.answers[i];
          digests[i] = 1;
        }
      }
      continue;
    }
    for (const i of group) ask(i);
  }
  for (const i of table.loose) ask(i);
  return { answers, digests, changed, items, prints, printsChanged, printOf };
}
