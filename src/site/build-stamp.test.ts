import {
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MUTATIONS } from "../../test/support/library-mutations.js";
import { loadEager, now, preparedLibraries } from "../../test/support/prepared-libraries.js";
import { createMarkdownProcessor } from "../render/index.js";
import { changeKind, RENDER_CACHE_FILE } from "../store/light.js";
import { buildHeader, createSiteBuilder, MANIFEST_NAME } from "./build-site.js";
import {
  libraryStamps,
  type StampedBuild,
  type StampKey,
  stampBuild,
  stampedBuild,
} from "./build-stamp.js";
import { loadSiteInputs } from "./site-inputs.js";

const { temps, library: prepared } = preparedLibraries("jingdu-stamp");
const load = loadEager;
const markdown = createMarkdownProcessor();

/** The built-in library prepared for every kind of change, and a key for builds into `outDir`. */
async function library(): Promise<StampKey> {
  return {
    root: await prepared(),
    outDir: temps.make(),
    header: buildHeader({ baseUrl: "/" }),
    now,
  };
}

/**
 * The plain path, as `jingdu build` takes it: stamps, the library loaded, a new builder's build,
 * the stamp recorded (tests change files right before: no racy window, see below).
 */
async function plainBuild(key: StampKey) {
  const stamps = libraryStamps(key.root);
  const inputs = await loadSiteInputs(key.root, load);
  const result = createSiteBuilder({
    outDir: key.outDir,
    baseUrl: "/",
    now: key.now,
    markdown,
    renderCache: join(key.root, RENDER_CACHE_FILE),
  }).build(inputs.library, inputs);
  stampBuild(key, stamps, { problems: inputs.diagnostics, result }, 0);
  return { problems: inputs.diagnostics, result };
}

const stamped = (key: StampKey) => stampedBuild(key, libraryStamps(key.root));

/** What the shortcut said equals what the plain path does now: nothing written, the same words. */
async function expectSameAsPlain(key: StampKey, said: StampedBuild, kind: string) {
  const plain = await plainBuild(key);
  expect(plain.result.written, kind).toEqual([]);
  expect(plain.result.removed, kind).toEqual([]);
  expect(said.result.warnings, kind).toEqual(plain.result.warnings);
  expect(said.problems, kind).toEqual(plain.problems);
  expect(said.result.notes, kind).toEqual(plain.result.notes);
  expect([...said.result.skipped].sort(), kind).toEqual([...plain.result.skipped].sort());
}

describe("a build with nothing changed, told from file stamps without loading the library", () => {
  it("equals the plain build after a change of every kind, and never hides one", async () => {
    const key = await library();
    await plainBuild(key);
    let changedPages = 0;
    let pick = 3;
    for (const kind of Object.keys(MUTATIONS)) {
      // Nothing changed since the last build: the shortcut answers, and the plain path agrees.
      const same = stamped(key);
      expect(same, kind).toBeDefined();
      await expectSameAsPlain(key, same as StampedBuild, kind);

      const current = (await loadSiteInputs(key.root, load)).library;
      pick = (pick * 7 + 5) % 97;
      const paths = MUTATIONS[kind]?.(key.root, current, (n) => (n <= 0 ? 0 : pick % n)) ?? [];
      const after = stamped(key);
      const plain = await plainBuild(key);
      const changed = plain.result.written.length + plain.result.removed.length;
      if (after) await expectSameAsPlain(key, after, kind);
      // A change to a file the site is made from is never taken for no change.
      if (paths.some((path) => changeKind(path) !== "none")) expect(after, kind).toBeUndefined();
      if (changed > 0) changedPages++;
    }
    // Not vacuous: most kinds of change changed pages, and each was seen.
    expect(changedPages).toBeGreaterThan(Object.keys(MUTATIONS).length / 2);
  }, 600_000);

  it("is not used after another day, base URL or code, or with a page or the manifest gone", async () => {
    const key = await library();
    await plainBuild(key);
    expect(stamped(key)).toBeDefined();
    expect(stamped({ ...key, now: () => new Date("2024-07-11T08:00:00Z") })).toBeUndefined();
    expect(stamped({ ...key, header: buildHeader({ baseUrl: "/notes/" }) })).toBeUndefined();
    expect(stamped({ ...key, header: buildHeader({ baseUrl: "/", relative: true }) })).toBe(
      undefined,
    );
    expect(
      stamped({ ...key, header: buildHeader({ baseUrl: "/", codeVersion: "other" }) }),
    ).toBeUndefined();
    expect(stamped({ ...key, outDir: temps.make() })).toBeUndefined();
    // Code the pages' hash leaves out but the build runs (the inputs' loaders: metrics,
    // attachments, transcripts): a stamp of other site code is not repeated.
    const [stampPath] = readdirSync(join(key.root, ".jingdu"))
      .filter((f) => f.startsWith("build-stamp-"))
      .map((f) => join(key.root, ".jingdu", f));
    const recorded = readFileSync(stampPath as string, "utf8");
    writeFileSync(
      stampPath as string,
      recorded.replace(/"siteCode":"[^"]*"/, '"siteCode":"older"'),
    );
    expect(stamped(key)).toBeUndefined();
    writeFileSync(stampPath as string, recorded);
    expect(stamped(key)).toBeDefined();

    unlinkSync(join(key.outDir, "papers", "resnet", "index.html"));
    expect(stamped(key)).toBeUndefined();
    const again = await plainBuild(key);
    expect(again.result.written).toEqual(["papers/resnet/index.html"]);
    expect(stamped(key)).toBeDefined();

    unlinkSync(join(key.outDir, MANIFEST_NAME));
    expect(stamped(key)).toBeUndefined();
  }, 120_000);

  it("sees a change inside a linked folder (papers/ a link to a folder elsewhere)", async () => {
    const key = await library();
    const elsewhere = join(temps.make(), "papers");
    renameSync(join(key.root, "papers"), elsewhere);
    symlinkSync(elsewhere, join(key.root, "papers"));
    await plainBuild(key);
    expect(stamped(key)).toBeDefined();
    const paper = join(elsewhere, "resnet.md");
    writeFileSync(paper, `${readFileSync(paper, "utf8")}\nEdited through the link.\n`);
    expect(stamped(key)).toBeUndefined();
  }, 120_000);

  it("is not recorded for a build that began on one day and ended on the next", async () => {
    const key = await library();
    // The stamps taken a moment before midnight (UTC: the feed's day), the build ending after it.
    let clock = new Date("2024-07-10T23:59:59.900Z");
    const across = { ...key, now: () => clock };
    const stamps = libraryStamps(key.root, across.now);
    const inputs = await loadSiteInputs(key.root, load);
    const result = createSiteBuilder({ ...across, baseUrl: "/", markdown }).build(
      inputs.library,
      inputs,
    );
    clock = new Date("2024-07-11T00:00:00.100Z");
    stampBuild(across, stamps, { problems: inputs.diagnostics, result }, 0);
    // The pages may be dated by the day before: the next build, on the new day, builds them.
    expect(stampedBuild(across, libraryStamps(key.root, across.now))).toBeUndefined();
    // The same build within one day is recorded, and the next build on that day trusts it.
    const within = libraryStamps(key.root, across.now);
    stampBuild(across, within, { problems: inputs.diagnostics, result }, 0);
    expect(stampedBuild(across, libraryStamps(key.root, across.now))).toBeDefined();
  }, 120_000);

  it("is not recorded for files changed within the racy window of being stamped", async () => {
    const key = await library();
    const stamps = libraryStamps(key.root);
    const inputs = await loadSiteInputs(key.root, load);
    const result = createSiteBuilder({ outDir: key.outDir, baseUrl: "/", now, markdown }).build(
      inputs.library,
      inputs,
    );
    // The library was written just now (prepareLibrary): a second write in the same clock tick
    // could leave every stamp as it is, so none is trusted.
    stampBuild(key, stamps, { problems: inputs.diagnostics, result });
    expect(stamped(key)).toBeUndefined();
    stampBuild(key, stamps, { problems: inputs.diagnostics, result }, 0);
    expect(stamped(key)).toBeDefined();
  }, 120_000);
});
