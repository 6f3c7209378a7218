import { JingduError } from "../core/index.js";

/** True when the import's argument is a web address rather than a file. */
export function isWebAddress(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

/**
 * The address of the text itself: a GitHub repository (`github.com/mli/paper-reading`) means its
 * README, a `blob/` page means the raw file; any other URL is fetched as it is.
 */
export function rawAddress(url: string): string {
  const u = new URL(url);
  if (!/^(www\.)?github\.com$/i.test(u.hostname)) return url;
  const [owner, repo, kind, ref, ...path] = u.pathname.split("/").filter((p) => p !== "");
  if (!owner || !repo) return url;
  if (kind === undefined) {
    return `https://raw.githubusercontent.com/${owner}/${repo}/HEAD/README.md`;
  }
  if ((kind === "blob" || kind === "raw") && ref && path.length > 0) {
    return `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${path.join("/")}`;
  }
  return url;
}

/**
 * The import's name from a URL: the file with the folder above it (`lists/papers.md` →
 * `lists-papers.md`); for a GitHub raw file, the repository (`paper-reading-README.md`).
 */
export function nameFromAddress(url: string): string {
  const u = new URL(url);
  const parts = u.pathname.split("/").filter((p) => p !== "");
  const last = parts.at(-1) ?? u.hostname;
  if (/^raw\.githubusercontent\.com$/i.test(u.hostname) && parts[1]) return `${parts[1]}-${last}`;
  return parts.length >= 2 ? `${parts.at(-2)}-${last}` : last;
}

/**
 * Fetches a document through the safe fetcher (no private or loopback address unless allowed,
 * every redirect checked, at most `maxBytes`) and decodes it as UTF-8, refusing what is not.
 * The fetcher loads only when a URL is imported: an import of a file does not wait for it.
 */
export async function fetchDocument(
  url: string,
  opts: { allowHosts: string[]; maxBytes: number },
): Promise<{ text: string; finalUrl: string }> {
  const { createSafeFetcher, SafeFetchError } = await import("../net/index.js");
  const fetcher = createSafeFetcher({ allowHosts: opts.allowHosts, maxBytes: opts.maxBytes });
  let result: Awaited<ReturnType<typeof fetcher.fetchUrl>>;
  try {
    result = await fetcher.fetchUrl(url, { accept: "text/markdown, text/plain, */*" });
  } catch (err) {
    if (!(err instanceof SafeFetchError)) throw err;
    throw new JingduError("import-fetch-failed", `${url}: ${err.message}; nothing imported`, {
      hint: "Check the address; a private or local address needs --allow-host HOST.",
    });
  }
  if (result.status !== 200 || result.truncated) {
    const why = result.truncated ? `larger than ${opts.maxBytes} bytes` : `HTTP ${result.status}`;
    throw new JingduError("import-fetch-failed", `${url}: ${why}; nothing imported`, {
      hint: result.truncated ? "Raise the limit with --max-size MB." : "Check the address.",
    });
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(result.body);
    return { text: text.replace(/^\uFEFF/, ""), finalUrl: result.finalUrl };
  } catch {
    throw new JingduError("not-utf8", `${url}: not UTF-8 text; nothing imported`, {});
  }
}
