import type { RenderEnv } from "./render-env.js";

/*
 * KaTeX's output must not go through the sanitizer (its classes, inline styles, SVG and MathML
 * would be mangled or need a far wider allowlist). Renderers put a placeholder element in its
 * place and the processor swaps the real HTML in after sanitizing. The placeholder is an element,
 * not text: if broken user HTML swallows it into an attribute value, the sanitizer escapes its `<`
 * and it is no longer recognised, so trusted HTML can never land inside an attribute.
 */

export const FRAGMENT_TAG = "jd-fragment";
const PLACEHOLDER = /<jd-fragment data-i="([^"]*)"><\/jd-fragment>/g;

/**
 * Stores trusted HTML and returns the placeholder that stands for it until after sanitizing;
 * returns the HTML itself when this render is not sanitized.
 */
export function trustedFragment(env: RenderEnv, html: string): string {
  if (!env.sanitizing) return html;
  const index = env.fragments.push(html) - 1;
  return `<${FRAGMENT_TAG} data-i="${env.fragmentNonce}-${index}"></${FRAGMENT_TAG}>`;
}

/** Replaces placeholders by their fragments; a placeholder this render did not make is dropped. */
export function restoreFragments(html: string, env: RenderEnv): string {
  if (env.fragments.length === 0 && !html.includes(`<${FRAGMENT_TAG}`)) return html;
  const prefix = `${env.fragmentNonce}-`;
  return html.replace(PLACEHOLDER, (_, key: string) => {
    if (!key.startsWith(prefix)) return "";
    return env.fragments[Number(key.slice(prefix.length))] ?? "";
  });
}
