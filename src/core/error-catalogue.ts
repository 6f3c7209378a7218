/**
 * Every error code jingdu answers with, declared once: its exit code (CLI), its HTTP status
 * (the web app's `app.onError`), when it happens, and the hint where one hint fits every case.
 * `JingduError` takes a code of this table only (an unknown code fails the type check), and
 * docs/errors.md lists exactly these codes (test/architecture/error-catalogue.test.ts).
 */

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  notALibrary: 3,
  problemsFound: 4,
  conflict: 5,
  invalidInput: 6,
  /** `refresh` / `add`: something was due and nothing could be fetched (every item failed). */
  fetchFailed: 7,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The HTTP statuses the catalogue uses (a subset of what Hono types as contentful). */
export type ErrorStatus = 400 | 404 | 409 | 413 | 422 | 500 | 501 | 502 | 503 | 504;

export interface CatalogueEntry {
  exit: ExitCode;
  status: ErrorStatus;
  /** When it happens, for docs/errors.md. */
  when: string;
  /** The hint when the call site gives none (a site's own hint, naming its file, wins). */
  hint?: string;
}

const usage = (when: string, hint?: string): CatalogueEntry => ({
  exit: EXIT.usage,
  status: 400,
  when,
  ...(hint === undefined ? {} : { hint }),
});
const unknown = (when: string): CatalogueEntry => ({ exit: EXIT.usage, status: 404, when });
const fetchFailed = (when: string, status: ErrorStatus = 502, hint?: string): CatalogueEntry => ({
  exit: EXIT.fetchFailed,
  status,
  when,
  ...(hint === undefined ? {} : { hint }),
});
const badFile = (when: string): CatalogueEntry => ({ exit: EXIT.invalidInput, status: 400, when });

/** How a person lets jingdu read Zotero (Zotero's local API documentation, 2025). */
const ZOTERO_HINT =
  'Start Zotero 7 or 8 and enable its local API: Zotero → Settings → Advanced → check "Allow other applications on this computer to communicate with Zotero"; then run the import again.';

export const ERROR_CATALOGUE = {
  // The library folder
  "not-a-library": {
    exit: EXIT.notALibrary,
    status: 404,
    when: "no jingdu.yaml in the folder given or any folder above it",
    hint: "Create one with `jingdu init DIR`, or point at one with --library DIR or JINGDU_LIBRARY.",
  },
  "already-a-library": {
    exit: EXIT.failure,
    status: 409,
    when: "`jingdu init` in a folder that is a library already",
  },
  "folder-not-empty": {
    exit: EXIT.failure,
    status: 409,
    when: "`jingdu init` in a folder holding other files",
  },
  "template-missing": {
    exit: EXIT.failure,
    status: 500,
    when: "`jingdu init --template`: the template's folder is not there",
  },
  "unknown-template": usage("`jingdu init --template NAME`: no such template"),
  "bad-language": usage("`jingdu init --language`: neither zh nor en"),
  "parse-error": {
    exit: EXIT.invalidInput,
    status: 400,
    when: "a file could not be parsed at all (the message names file:line)",
  },
  "write-conflict": {
    exit: EXIT.conflict,
    status: 409,
    when: "a save was refused: the file changed on disk since it was read",
    hint: "Re-open the file to see both versions, then save again.",
  },
  "lock-timeout": {
    exit: EXIT.failure,
    status: 503,
    when: "another jingdu process held a file's write lock longer than the wait",
  },
  "note-not-utf8": {
    exit: EXIT.failure,
    status: 422,
    when: "a note saved from the editor holds bytes that are not UTF-8 (the editor asks to convert)",
  },
  "out-not-writable": usage("`jingdu build --out`: the folder cannot be created or written"),
  "base-url-invalid": usage("`jingdu build --base-url`: neither a path nor an http(s) URL"),

  // Importing a study log
  "import-nothing": badFile("`jingdu import`: the file holds nothing jingdu can import"),
  "file-not-found": badFile("`jingdu import FILE`: no such file"),
  "file-too-large": badFile("`jingdu import FILE`: larger than an import reads"),
  "not-text": badFile("`jingdu import FILE`: a binary file, not text"),
  "not-utf8": badFile("`jingdu import FILE`: not UTF-8 text (the message names the line)"),
  "import-kind-unknown": usage("`jingdu import --kind`: not a kind of document jingdu reads"),
  "export-format-unknown": usage("`jingdu export --format`: not a format jingdu writes"),
  "export-category-unknown": unknown(
    "`jingdu export --category` or `/export/ID.bib`: no such category",
  ),
  "import-what": usage("`jingdu import` with neither a FILE, a URL nor --again NAME"),
  "import-unknown": {
    exit: EXIT.invalidInput,
    status: 404,
    when: "`jingdu import --again NAME`: no import of that name remembers its source",
  },
  "import-fetch-failed": {
    exit: EXIT.invalidInput,
    status: 502,
    when: "`jingdu import URL`: the address was refused, did not answer 200, or was too large",
  },
  "import-name-invalid": {
    exit: EXIT.failure,
    status: 400,
    when: "an import's name is not an id",
    hint: "Use lower-case letters or digits joined by `-`, e.g. `limu`.",
  },

  // Transcripts
  "transcript-empty": badFile(
    "`jingdu transcript add`: no cue of the subtitle file could be read (each problem is listed)",
  ),
  "transcript-no-match": badFile(
    "`jingdu transcript add COURSE FOLDER`: no file of the folder matched an episode",
  ),
  "transcript-what": usage(
    "`jingdu transcript add`: a FILE with COURSE/N, or a FOLDER with COURSE (not the other way)",
  ),
  "transcript-none-fetched": fetchFailed(
    "`jingdu transcript fetch`: no episode asked got a transcript (no subtitles, or each fetch failed; each is listed)",
  ),
  "bilibili-no-cookie": usage(
    "`jingdu transcript fetch`: no bilibili login cookie in JINGDU_BILIBILI_COOKIE or the cookie file",
    "bilibili lists subtitles only to a logged-in user. Copy the SESSDATA cookie of bilibili.com from your browser into JINGDU_BILIBILI_COOKIE, or into ~/.config/jingdu/bilibili-cookie (outside the library; it is never written into it).",
  ),
  "bilibili-bad-cookie": usage(
    "`jingdu transcript fetch`: the cookie cannot be sent (a line break or a non-ASCII character in it), or its file is inside the library",
  ),
  "bilibili-not-logged-in": fetchFailed(
    "`jingdu transcript fetch`: bilibili did not take the cookie as a login (-101, or no subtitles with `need_login_subtitle`)",
  ),

  "resolve-what": usage("`jingdu resolve` with no paper named and no --all"),
  "bad-confidence": usage("`--min-confidence` is not a number from 0 to 1"),
  "bad-limit": usage("`--limit` (next, search) is not a whole number of at least 1"),
  "paper-gone": {
    exit: EXIT.failure,
    status: 409,
    when: "a paper file was removed while it was being filled",
  },
  "candidate-unknown": {
    exit: EXIT.failure,
    status: 409,
    when: "the web app's resolve page: the picked candidate is no longer among the paper's candidates and S2 does not know its id",
    hint: "Search for the paper's ids again and pick from the new candidates.",
  },
  "merge-same": usage("`jingdu merge` given the same paper twice"),

  // Ids and values given on the command line or to the web app
  "unknown-paper": unknown("no paper with that id in the catalog"),
  "unknown-graph-paper": unknown(
    "`next --papers --dismiss`/`--undismiss` named an arXiv id or DOI no paper of the fetched citation graph has",
  ),
  "unknown-course": unknown("no course with that id"),
  "unknown-episode": unknown("no episode with that number in the course"),
  "unknown-note": unknown("no note with that id"),
  "unknown-revision": unknown("no kept revision with that name"),
  "unknown-category": unknown("no category with that id in categories.yaml"),
  "unknown-page": unknown("the web app: no note or form on that page"),
  "not-a-note": unknown("a path that is not a paper, course or episode file"),
  "bad-field": usage(
    "the web app's metadata form: a value the file cannot hold (a year, an empty name)",
  ),
  "not-deletable": usage(
    "the web app: deleting a course (a folder) rather than a paper or episode",
  ),
  "category-exists": {
    exit: EXIT.failure,
    status: 409,
    when: "adding or renaming a category to an id categories.yaml has already",
  },
  "bad-language-setting": usage("the web app's language switch: neither zh nor en"),
  "not-reviewed": unknown("a review rating for a note that is not under review"),
  "which-course": usage("an episode given without its course"),
  "bad-episodes": usage("an episode range that cannot be read or runs backwards"),
  "bad-status": usage("an episode status other than todo, watching, done, skipped"),
  "bad-time": usage("a position that is not a time like 46:18 or 1:02:03", "Write it like 46:18."),
  "bad-pass": usage("a reading pass other than 1, 2 or 3"),
  "bad-section": usage("a section that is not one of a paper's"),
  "bad-value": usage("a value rating that is not three numbers from 1 to 5"),
  "bad-rating": usage("a review rating other than again, hard, good, easy"),
  "rating-without-note": usage("`jingdu review --rating` without `--rate NOTE`"),
  "bad-source": usage("`jingdu refresh --only`: not a source jingdu knows"),
  "only-source-disabled": usage(
    "`jingdu refresh --only S`: that source is turned off in jingdu.yaml",
    "Remove that setting to refresh from it.",
  ),
  "bad-port": usage("`jingdu serve --port`: not a port number"),
  "paper-query": usage("`jingdu add paper`: looks like an id or URL jingdu cannot resolve"),
  "course-source": {
    exit: EXIT.failure,
    status: 400,
    when: "`jingdu add course`: not a bilibili video, 合集 or 系列, nor a YouTube playlist",
  },
  "course-file": badFile(
    "`jingdu add course FILE.json`: not a `yt-dlp --flat-playlist -J` playlist, or no video in it",
  ),
  "bad-age": {
    exit: EXIT.failure,
    status: 400,
    when: "an age (--older-than, a setting) that is not like 7d, 12h, 30m",
  },
  "bad-url": {
    exit: EXIT.failure,
    status: 400,
    when: "a base URL setting that is not an http(s) URL",
  },
  "uncertain-match": {
    exit: EXIT.conflict,
    status: 409,
    when: "`add paper` by title: the best match is not certain enough to add without --yes",
  },
  "paper-not-found": {
    exit: EXIT.failure,
    status: 404,
    when: "`add paper`: neither Semantic Scholar nor arXiv knows the paper",
  },

  // The web app's requests
  "request-invalid": usage("the web app: a request body that is not JSON or not the route's shape"),
  "request-too-large": {
    exit: EXIT.invalidInput,
    status: 413,
    when: "the web app: a request body over its cap (1 MB, 8 MB for a note)",
    hint: "Send less at once; a note over 8 MB is best edited in a text editor.",
  },
  "sources-unavailable": {
    exit: EXIT.failure,
    status: 501,
    when: "the web app's add forms, on a server started without the metadata sources",
  },
  "source-failed": {
    exit: EXIT.failure,
    status: 502,
    when: "the web app's add forms: the source failed (network, timeout, a bad answer)",
    hint: "Nothing was added; try again later.",
  },
  "internal-error": {
    exit: EXIT.failure,
    status: 500,
    when: "the web app: an unexpected error (the server's output says which)",
    hint: "The server's output says why; the library on disk is as it was before.",
  },

  // Fetching: the metadata sources (Semantic Scholar, arXiv, bilibili) and the safe fetcher
  "network-error": fetchFailed(
    "the request never got an answer: DNS, a refused connection, a reset, TLS",
    502,
    "Check the network connection; cached data is used where there is some.",
  ),
  timeout: fetchFailed("no complete answer within the time limit", 504),
  "http-error": fetchFailed("a source answered with a status outside 2xx (after retries)"),
  "bad-response": fetchFailed(
    "a source's answer is not what its API documents (bad JSON, an unexpected shape)",
    502,
    "Nothing was stored from this response. Try again later; if it persists, the API changed.",
  ),
  "bad-atom": fetchFailed(
    "arXiv answered with a document that is not XML or not an Atom feed",
    502,
    "Nothing was stored from this response. Try again later; if it persists, the API changed.",
  ),
  "arxiv-error": fetchFailed("arXiv answered with an error entry"),
  "bilibili-error": fetchFailed("bilibili answered with a non-zero code"),
  "source-paused": fetchFailed(
    "a source failed repeatedly: jingdu stopped asking it for a while",
    503,
    "The source is failing; jingdu stopped asking it for a while. Try again later.",
  ),
  "source-asks-to-wait": fetchFailed(
    "a source's Retry-After is longer than a run waits",
    503,
    "The source asked jingdu to wait; run again after that time (finished items are kept).",
  ),
  "source-on-hold": fetchFailed(
    "a source asked earlier to be left alone until a time not yet reached",
    503,
    "Run again after that time.",
  ),
  "source-disabled": fetchFailed("a source turned off in jingdu.yaml was needed", 503),
  "source-blocked": fetchFailed("a source refuses this client (bilibili -412, a bad S2 key)", 503),
  "not-found": {
    exit: EXIT.failure,
    status: 404,
    when: "a source's API says the thing asked for does not exist",
  },
  blocked: {
    exit: EXIT.failure,
    status: 400,
    when: "a user-given URL (or a redirect) points where jingdu does not connect (private address, non-http scheme)",
  },
  // Zotero's local API (`jingdu import zotero`)
  "zotero-not-running": fetchFailed(
    "`jingdu import zotero`: nothing answers at Zotero's local API (Zotero is not running, or another port)",
    503,
    ZOTERO_HINT,
  ),
  "zotero-api-disabled": fetchFailed(
    "`jingdu import zotero`: Zotero answered 403: its local API is not enabled",
    503,
    ZOTERO_HINT,
  ),
  "zotero-collection-unknown": unknown(
    "`jingdu import zotero --collection NAME`: no collection of that name in the Zotero library",
  ),
  "zotero-library-id": usage(
    "`jingdu import zotero --library-id`: not a user id (`0`, `12345`) or a group (`groups/12345`)",
  ),
  "too-large": fetchFailed("a fetched page is larger than the limit", 502),
  "too-many-redirects": fetchFailed("a fetched page redirects more often than allowed", 502),
} as const satisfies Record<string, CatalogueEntry>;

/** Every code jingdu answers with. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function catalogueEntry(code: ErrorCode): CatalogueEntry {
  return ERROR_CATALOGUE[code];
}

/** True when `code` is one of the catalogue's (an answer read back, a code from elsewhere). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}
