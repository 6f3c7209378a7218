import type { Language } from "../../core/index.js";
import { en } from "./en.js";
import type { Messages } from "./messages.js";
import { zh } from "./zh.js";

export type { CliMessages } from "./cli-messages.js";
export type { Messages } from "./messages.js";

const CATALOGS: Record<Language, Messages> = { zh, en };

/** The interface strings for a library's `language` setting. */
export function messagesFor(language: Language): Messages {
  return CATALOGS[language];
}
