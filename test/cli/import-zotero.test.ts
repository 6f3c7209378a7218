import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { loadLibrary } from "../../src/store/index.js";
import {
  describeWithFixtures,
  type FakeApiServer,
  startFakeApiServer,
} from "../support/fake-api-server.js";
import {
  deleteZoteroItem,
  editZoteroItem,
  type FakeZoteroLibrary,
  startFakeZotero,
} from "../support/fake-zotero.js";
import { initialisedLibrary, runCliInProcess } from "../support/run-cli.js";
import { localOnlyFetch } from "../support/test-sources.js";

const HOW_TO_ENABLE =
  /Zotero → Settings → Advanced → check "Allow other applications on this computer to communicate with Zotero"/;

/** Every file of the library (but jingdu's own `.jingdu/` state) and its bytes, by path. */
function libraryFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = relative(root, join(entry.parentPath, entry.name));
    if (entry.isFile() && !path.startsWith(".jingdu"))
      files[path] = readFileSync(join(root, path), "latin1");
  }
  return files;
}

/** `jingdu import zotero …` in-process, pointed at a Zotero at `url` (JINGDU_ZOTERO_URL). */
function zotero(args: string[], cwd: string, url: string) {
  return runCliInProcess(["import", "zotero", ...args], {
    cwd,
    env: { JINGDU_ZOTERO_URL: `${url}/api` },
    sourcesPlatform: { fetch: localOnlyFetch, sleep: async () => {} },
  });
}

describeWithFixtures(
  "jingdu import zotero against a fake Zotero replaying the web-API recordings",
  (dir) => {
    let server: FakeApiServer;
    let lib: FakeZoteroLibrary;
    let reset: () => void;
    beforeAll(async () => {
      ({ server, lib, reset } = await startFakeZotero(dir));
    });
    // Each test starts from the recorded library (one edits, another deletes an item).
    beforeEach(() => reset());
    afterAll(() => server.close());

    /** A recorded item of zotero-webapi/ as a new item `key` at the library's version, with `data`. */
    const recordedAs = (file: string, key: string, data: Record<string, unknown>) => {
      const item = JSON.parse(readFileSync(join(dir, "zotero-webapi", file), "utf8"));
      item.key = item.data.key = key;
      item.version = item.data.version = lib.version;
      Object.assign(item.data, data);
      return item;
    };

    it("imports items, collections, tags, notes and attachments; a second run asks since= and changes nothing", async () => {
      const root = await initialisedLibrary();
      const first = await zotero(["--json"], root, server.url);
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      const report = JSON.parse(first.stdout);
      expect(report).toMatchObject({
        since: null,
        version: 1,
        listed: 27,
        papers: { read: 20, created: 20 },
        categories: { total: 15, created: 15 },
        notes: 2,
        attachments: 2,
      });
      expect(report.left.map((l: { key: string }) => l.key).sort()).toEqual([
        "ANN7PDF4",
        "STANDN0T",
      ]);

      const { library } = await loadLibrary(root);
      expect(library.papers).toHaveLength(20);
      expect(library.categories.map((c) => c.name)).toContain("LoC / Digital Newspaper project");
      const asero = library.papers.find((p) => p.ids.zotero === "3EWF3P9V");
      expect(asero?.title).toBe("Does sensitization to foods in adults occur always in the gut?");
      expect(asero?.categories).toEqual(["sciences-miscellaneous", "sherlock-holmes"]);
      expect(asero?.tags).toContain("Immune Tolerance");
      expect(asero?.attachments[0]?.path).toBe(
        "/home/reader/Zotero/storage/PDF4ASER/Asero and Antonicelli - 2011 - Does sensitization.pdf",
      );
      expect(asero?.notes).toContain("# Sensitization outside the gut");
      expect(asero?.notes).not.toMatch(/alert|javascript/);
      const manifest = readFileSync(join(root, "imports/zotero.yaml"), "utf8");
      expect(manifest).toMatch(/version: 1/);

      const before = server.count({ path: "/api/users/0/items", query: { since: "1" } });
      const filesBefore = libraryFiles(root);
      expect(Object.keys(filesBefore).filter((f) => f.startsWith("papers/"))).toHaveLength(20);
      const second = await zotero([], root, server.url);
      expect(second.code).toBe(0);
      expect(server.count({ path: "/api/users/0/items", query: { since: "1" } })).toBe(before + 1);
      expect(second.stdout).toMatch(/nothing changed in Zotero since version 1/);
      expect(second.stdout).toMatch(/0 created, 0 updated, 0 unchanged/);
      expect(second.stdout).not.toMatch(/^ {2}(created|updated) /m);
      expect(readFileSync(join(root, "imports/zotero.yaml"), "utf8")).toBe(manifest);
      // "Changes nothing" as a user would check it: every file of the library, byte for byte.
      expect(libraryFiles(root)).toEqual(filesBefore);

      // A note edited in Zotero: the next run asks for it, rewrites only its paper, and says so.
      editZoteroItem(lib, "N8TEX42A", { note: "<p>Chapter 4 <b>first</b>, then chapter 7.</p>" });
      const third = await zotero(["--json"], root, server.url);
      const changed = JSON.parse(third.stdout);
      expect(changed).toMatchObject({ since: 1, version: 2, listed: 1 });
      expect(changed.changed).toEqual([
        {
          path: `papers/${library.papers.find((p) => p.ids.zotero === "X42A7DEE")?.id}.md`,
          outcome: "updated",
        },
      ]);
      const after = (await loadLibrary(root)).library.papers.find(
        (p) => p.ids.zotero === "X42A7DEE",
      );
      expect(after?.notes).toContain("Chapter 4 **first**, then chapter 7.");
      expect(after?.attachments).toHaveLength(1);

      // An item deleted in Zotero: reported with its paper, which stays (the person's file).
      const film = (await loadLibrary(root)).library.papers.find(
        (p) => p.ids.zotero === "PG5ZCTJT",
      );
      deleteZoteroItem(lib, "PG5ZCTJT");
      const fourth = await zotero([], root, server.url);
      expect(fourth.code).toBe(0);
      expect(fourth.stdout).toContain(
        `deleted   1 items deleted in Zotero; their papers are kept (delete them yourself if you wish): papers/${film?.id}.md`,
      );
      expect(existsSync(join(root, `papers/${film?.id}.md`))).toBe(true);
    });

    it("keeps a paper the person edited, and reports it", async () => {
      const root = await initialisedLibrary();
      expect((await zotero([], root, server.url)).code).toBe(0);
      const { library } = await loadLibrary(root);
      const film = library.papers.find((p) => p.ids.zotero === "PG5ZCTJT");
      const file = join(root, `papers/${film?.id}.md`);
      writeFileSync(file, readFileSync(file, "utf8").replace(/\n---\n/, "\n---\nMy own notes.\n"));
      editZoteroItem(lib, "PG5ZCTJT", { title: "The Adventures of Sherlock Holmes (1939)" });
      const run = await zotero([], root, server.url);
      expect(run.code).toBe(5);
      expect(run.stdout).toMatch(/kept your edited papers\/.*\.md/);
      expect(readFileSync(file, "utf8")).toContain("My own notes.");
    });

    it("imports one collection and the ones nested in it; --again repeats it; names an unknown one", async () => {
      const root = await initialisedLibrary();
      const run = await zotero(["--collection", "non-english items", "--json"], root, server.url);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({ collection: "Non-English items", papers: { created: 1 } });
      expect(readFileSync(join(root, "imports/zotero-non-english-items.yaml"), "utf8")).toMatch(
        /collection: Non-English items/,
      );
      const again = await runCliInProcess(
        ["import", "--again", "zotero-non-english-items", "--json"],
        {
          cwd: root,
          env: { JINGDU_ZOTERO_URL: `${server.url}/api` },
          sourcesPlatform: { fetch: localOnlyFetch },
        },
      );
      expect(again.stderr).toBe("");
      expect(JSON.parse(again.stdout)).toMatchObject({
        collection: "Non-English items",
        since: report.version,
        listed: 0,
        changed: [],
      });
      const unknown = await zotero(["--collection", "Holmes"], root, server.url);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/--collection "Holmes": no such collection/);
      expect(unknown.stderr).toMatch(/Sherlock Holmes/);
    });

    it("fills a paper the limu template has (same arXiv id) and keeps what the template wrote", async () => {
      const root = await initialisedLibrary(["--template", "limu", "--language", "zh"]);
      // The recorded live item (papers-mcp-item.json), as ResNet: its preprint shape in Zotero 7.
      const item = recordedAs("papers-mcp-item.json", "RESNET15", {
        itemType: "preprint",
        title: "Deep Residual Learning for Image Recognition",
        creators: [{ creatorType: "author", firstName: "Kaiming", lastName: "He" }],
        date: "2015-12-10",
        archiveID: "arXiv:1512.03385",
        url: "http://arxiv.org/abs/1512.03385",
        tags: [{ tag: "residual" }],
        collections: [],
      });
      const pdf = recordedAs("papers-mcp-attachment.json", "RESPDF15", {
        parentItem: "RESNET15",
        title: "Preprint PDF",
        contentType: "application/pdf",
      });
      lib.fileUrls.RESPDF15 = "file:///home/reader/Zotero/storage/RESPDF15/He%20-%202015.pdf";
      lib.items.push(item, pdf);

      const run = await zotero(["--json"], root, server.url);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).changed).toContainEqual({
        path: "papers/resnet.md",
        outcome: "merged",
      });
      const resnet = (await loadLibrary(root)).library.papers.find((p) => p.id === "resnet");
      expect(resnet).toMatchObject({
        short: "ResNet",
        summary: "构建深层网络都要有的残差连接。",
        title: "Deep Residual Learning for Image Recognition",
        ids: { arxiv: "1512.03385", zotero: "RESNET15" },
        attachments: [
          { path: "/home/reader/Zotero/storage/RESPDF15/He - 2015.pdf", title: "Preprint PDF" },
        ],
        covered: true,
      });
      expect(resnet?.categories).toEqual(["计算机视觉-cnn"]);
      expect(resnet?.tags).toEqual(["residual"]);
      // Run again: nothing to change.
      const again = await zotero(["--json"], root, server.url);
      expect(JSON.parse(again.stdout).changed).toEqual([]);
    });

    it("--dry-run writes nothing", async () => {
      const root = await initialisedLibrary();
      const run = await zotero(["--dry-run"], root, server.url);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/dry run: nothing written/);
      expect(run.stdout).toMatch(/papers {4}20 \(20 new\)/);
      expect((await loadLibrary(root)).library.papers).toHaveLength(0);
    });

    it("a 403 says how to enable the local API, exits ≠ 0 and writes nothing", async () => {
      const root = await initialisedLibrary();
      server.script(
        { path: "/api/users/0/collections" },
        { status: 403, body: "Local API is not enabled" },
      );
      const run = await zotero([], root, server.url);
      expect(run.code).toBe(7);
      expect(run.stderr).toMatch(/jingdu: .*403 Forbidden: its local API is not enabled/);
      expect(run.stderr).toMatch(HOW_TO_ENABLE);
      expect((await loadLibrary(root)).library.papers).toHaveLength(0);
    });
  },
);

it("jingdu import zotero with Zotero not running says so and how to enable it, exit ≠ 0", async () => {
  const closed = await startFakeApiServer();
  const url = closed.url;
  await closed.close();
  const root = await initialisedLibrary();
  const run = await zotero([], root, url);
  expect(run.code).toBe(7);
  expect(run.stderr).toMatch(
    /jingdu: .*Zotero is not answering at http:\/\/127\.0\.0\.1:\d+ .*is Zotero running\?/,
  );
  expect(run.stderr).toMatch(HOW_TO_ENABLE);
});
