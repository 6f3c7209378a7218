/**
 * The renderer's view of the one URL policy (`src/core/url-policy.ts`): Markdown links and images
 * follow it, and so does the sanitizer. No second copy of the rules lives here.
 */
import { ALLOWED_URL_SCHEMES, isAllowedUrl } from "../../core/index.js";

export { isForbiddenDataUrl } from "../../core/index.js";

/** URL schemes a note may link to; relative URLs and `#fragments` are always fine. */
export const ALLOWED_SCHEMES = ALLOWED_URL_SCHEMES;

/**
 * markdown-it's `validateLink`, which sees links and images alike: the core policy with image
 * `data:` URLs allowed (the sanitizer then keeps `data:` only on `<img src>`).
 */
export function isAllowedMarkdownUrl(url: string): boolean {
  return isAllowedUrl(url, { image: true });
}
