import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeWithFixtures,
  type FakeApiServer,
  startFakeApiServer,
} from "../../../test/support/fake-api-server.js";
import { type FakeZoteroLibrary, startFakeZotero } from "../../../test/support/fake-zotero.js";
import { localOnlyFetch } from "../../../test/support/test-sources.js";
import {
  createZoteroClient,
  ZoteroApiDisabledError,
  ZoteroNotRunningError,
  zoteroLibraryPath,
} from "./zotero-client.js";
import { collectionWithNested, mapZoteroLibrary } from "./zotero-map.js";
import { readZoteroLibrary } from "./zotero-read.js";

const client = (url: string, pageSize?: number) =>
  createZoteroClient({
    baseUrl: `${url}/api`,
    userAgent: "jingdu-test",
    fetch: localOnlyFetch,
    sleep: async () => {},
    ...(pageSize ? { pageSize } : {}),
  });

describeWithFixtures("the Zotero local API client against the recorded web-API answers", (dir) => {
  let server: FakeApiServer;
  let lib: FakeZoteroLibrary;
  beforeAll(async () => {
    ({ server, lib } = await startFakeZotero(dir));
  });
  afterAll(() => server.close());

  it("reads every page of items and collections, and the library version", async () => {
    const before = server.count({ path: "/api/users/0/items" });
    const page = await client(server.url, 10).items();
    expect(page.values).toHaveLength(lib.items.length);
    expect(page.version).toBe(1);
    expect(server.count({ path: "/api/users/0/items" }) - before).toBe(3); // 27 items, 10 a page
    expect((await client(server.url).collections()).values).toHaveLength(15);
  });

  it("maps items to papers, collections to categories, notes to Markdown, files to paths", async () => {
    const read = await readZoteroLibrary(client(server.url));
    const mapped = mapZoteroLibrary(read, { existing: [] });
    expect(mapped.papers).toHaveLength(20);
    expect(mapped.categories).toHaveLength(15);
    expect(
      mapped.categories.find((c) => c.name === "Non-English items / sherlock films"),
    ).toBeTruthy();
    const asero = mapped.papers.find((p) => p.ids.zotero === "3EWF3P9V");
    expect(asero).toMatchObject({
      title: "Does sensitization to foods in adults occur always in the gut?",
      authors: ["Riccardo Asero", "Leonardo Antonicelli"],
      year: 2011,
      venue: "International archives of allergy and immunology",
      categories: ["sciences-miscellaneous", "sherlock-holmes"],
      attachments: [
        {
          path: "/home/reader/Zotero/storage/PDF4ASER/Asero and Antonicelli - 2011 - Does sensitization.pdf",
          title: "Full Text PDF",
          contentType: "application/pdf",
        },
      ],
    });
    expect(asero?.tags).toContain("Food Hypersensitivity");
    expect(asero?.summary).toMatch(/^It is widely accepted/);
    expect(asero?.notes).toContain("# Sensitization outside the gut");
    expect(asero?.notes).toContain("**sensitization**");
    expect(asero?.notes).toContain("$r_t = r_0 e^{kt}$");
    expect(asero?.notes).toContain("a link that must stay text");
    expect(asero?.notes).not.toMatch(/javascript|alert/);
    const book = mapped.papers.find((p) => p.ids.zotero === "X42A7DEE");
    expect(book?.attachments[0]?.path).toBe("/home/reader/Zotero/storage/SNAP7X42/snapshot.html");
    expect(book?.notes).toContain("**analytical**");
    const film = mapped.papers.find((p) => p.ids.zotero === "PG5ZCTJT");
    expect(film?.links).toContainEqual({
      url: "https://www.imdb.com/title/tt0031022/",
      kind: "page",
    });
    expect(mapped.notes).toBe(2);
    expect(mapped.attachments).toBe(2);
    expect(mapped.left.map((l) => l.key).sort()).toEqual(["ANN7PDF4", "STANDN0T"]);
  });

  it("keeps the paper id an item had, and limits a run to a collection and its nested ones", async () => {
    const read = await readZoteroLibrary(client(server.url));
    const existing = [{ id: "my-allergy-paper", short: "x", ids: { zotero: "3EWF3P9V" } }];
    const again = mapZoteroLibrary(read, { existing });
    expect(again.papers.find((p) => p.ids.zotero === "3EWF3P9V")?.id).toBe("my-allergy-paper");
    expect([...collectionWithNested(read.collections, "QM6T3KHX")].sort()).toEqual([
      "QM6T3KHX",
      "TVPC4XK4",
    ]);
    const films = mapZoteroLibrary(read, { existing: [], collection: "QM6T3KHX" });
    expect(films.papers.map((p) => p.ids.zotero)).toEqual(["6MCAN2NC"]);
    expect(films.outside).toBe(19);
  });

  it("asks only for what changed after `since`, and each changed item's whole family", async () => {
    const none = await readZoteroLibrary(client(server.url), { since: 1 });
    expect(none.entries).toEqual([]);
    expect(none.listed).toBe(0);
  });

  it("says how to enable the local API when Zotero answers 403", async () => {
    server.script(
      { path: "/api/users/0/collections" },
      { status: 403, body: "Local API is not enabled" },
    );
    const err = await client(server.url)
      .collections()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZoteroApiDisabledError);
    expect((err as ZoteroApiDisabledError).code).toBe("zotero-api-disabled");
    expect((err as ZoteroApiDisabledError).hint).toMatch(
      /Settings → Advanced → check "Allow other applications on this computer to communicate with Zotero"/,
    );
  });
});

it("says Zotero is not running when nothing listens", async () => {
  const server = await startFakeApiServer();
  const url = server.url;
  await server.close();
  const err = await client(url)
    .items()
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ZoteroNotRunningError);
  expect((err as ZoteroNotRunningError).message).toMatch(/is Zotero running\?/);
  expect((err as ZoteroNotRunningError).hint).toMatch(/Start Zotero 7 or 8/);
});

it("reads --library-id as a user or a group", () => {
  expect(zoteroLibraryPath(undefined)).toBe("users/0");
  expect(zoteroLibraryPath("12345")).toBe("users/12345");
  expect(zoteroLibraryPath("groups/77")).toBe("groups/77");
  expect(() => zoteroLibraryPath("me")).toThrow(/not a Zotero library/);
});
