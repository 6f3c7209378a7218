import type { Messages } from "../../app/index.js";
import { JingduError } from "../../core/index.js";
import { statusOf } from "../error-answers.js";

/**
 * A failed add as the add page shows it: in the page's language, without the request URLs the
 * sources put in their messages (an API address means nothing to a web user, and may be the
 * local fake's). A refusal keeps its code and status (a bad id 400, an unknown paper 404); the
 * sources' own failures (network, an API answering nonsense, a timeout, anything unexpected) are
 * one bad gateway, `source-failed`. No hint: the catalogue's hints are for the CLI.
 */
export function addFailure(t: Messages, err: unknown): JingduError {
  if (err instanceof JingduError && statusOf(err) < 500) {
    return new JingduError(err.code, t.daily.addRefused(withoutUrls(err.message)), {
      cause: err,
      hint: "",
    });
  }
  return new JingduError("source-failed", t.daily.addSourceFailed, { cause: err, hint: "" });
}

/** `GET https://api.x.org/graph/v1/paper/… 404` → `GET api.x.org 404`. */
export function withoutUrls(message: string): string {
  return message.replace(/\bhttps?:\/\/[^\s"'“”<>]+/g, (url) => {
    try {
      return new URL(url).hostname;
    } catch {
      // Not a URL after all: said as it is.
      return url;
    }
  });
}
