/**
 * The app's light door (SIDE_DOORS in .dependency-cruiser.cjs): the interface strings alone,
 * for the CLI's commands that print in the library's language (`status` must not load the
 * renderer, KaTeX or the views to say "已看 3/59"). A subset of `index.ts`.
 */
export { type CliMessages, type Messages, messagesFor } from "./i18n/index.js";
