/**
 * bilibili's list endpoints on the fake server, answered from the SHAPED fixtures of
 * test/fixtures/sources (no recording exists): nav (WBI keys), a 合集's archives (paged by the
 * request's page_num/page_size, refusing an unsigned request as bilibili does, with a
 * `v_voucher`), a 系列's meta and archives (paged by pn/ps), a page list. The lists are arrays
 * the test may grow between runs (`refresh` then finds the new videos).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeApiServer, SYNTHETIC_FIXTURES } from "./fake-api-server.js";

const shaped = (name: string) =>
  JSON.parse(readFileSync(join(SYNTHETIC_FIXTURES, name), "utf8")) as {
    code: number;
    data: Record<string, unknown> & { archives?: unknown[] };
  };

export const SEASON = { mid: "37737161", id: "1227671", title: "水浅王八多，真假白马说" };
export const SERIES = { mid: "37737161", id: "2158988", title: "JavaSE基础路线" };

export interface BilibiliListsFake {
  /** The 合集's videos, in its order (push to grow it). */
  season: Record<string, unknown>[];
  /** The 系列's videos, oldest first. */
  series: Record<string, unknown>[];
  /** BV1wE4m1R7cu's parts. */
  pages: Record<string, unknown>[];
  /** Requests to the season list that came without w_rid/wts. */
  unsigned: number;
}

const ok = (data: unknown) => ({ body: JSON.stringify({ code: 0, message: "0", ttl: 1, data }) });
const notFound = { body: JSON.stringify({ code: -404, message: "啥都木有", ttl: 1 }) };

function page<T>(items: T[], num: number, size: number): T[] {
  return items.slice((num - 1) * size, num * size);
}

export function serveBilibiliLists(server: FakeApiServer): BilibiliListsFake {
  const seasonFile = shaped("bilibili-season-archives-1227671.SHAPED.json");
  const seriesArchivesFile = shaped("bilibili-series-archives-2158988.SHAPED.json");
  const pagesFile = shaped("bilibili-pagelist-BV1wE4m1R7cu.SHAPED.json");
  const fake: BilibiliListsFake = {
    season: [...((seasonFile.data.archives ?? []) as Record<string, unknown>[])],
    series: [...((seriesArchivesFile.data.archives ?? []) as Record<string, unknown>[])],
    pages: [...(pagesFile.data as unknown as Record<string, unknown>[])],
    unsigned: 0,
  };
  server.handle({ method: "GET", path: "/x/web-interface/nav" }, () => ({
    fixture: "synthetic:bilibili-nav-wbi.SHAPED.json",
  }));
  server.handle({ method: "GET", path: "/x/polymer/web-space/seasons_archives_list" }, (req) => {
    if (!req.query.get("w_rid") || !req.query.get("wts")) {
      fake.unsigned += 1;
      // What a WBI endpoint answers an unsigned request (docs/misc/sign/wbi.md).
      return ok({ v_voucher: "voucher_fake" });
    }
    if (req.query.get("season_id") !== SEASON.id) return notFound;
    const num = Number(req.query.get("page_num") ?? 1);
    const size = Number(req.query.get("page_size") ?? 30);
    const archives = page(fake.season, num, size);
    const meta = { ...(seasonFile.data.meta as object), total: fake.season.length };
    return ok({
      aids: archives.map((a) => a.aid),
      archives,
      meta,
      page: { page_num: num, page_size: size, total: fake.season.length },
    });
  });
  server.handle({ method: "GET", path: "/x/series/series" }, (req) =>
    req.query.get("series_id") === SERIES.id
      ? { fixture: "synthetic:bilibili-series-2158988.SHAPED.json" }
      : notFound,
  );
  server.handle({ method: "GET", path: "/x/series/archives" }, (req) => {
    if (req.query.get("series_id") !== SERIES.id || req.query.get("mid") !== SERIES.mid) {
      return notFound;
    }
    const num = Number(req.query.get("pn") ?? 1);
    const size = Number(req.query.get("ps") ?? 20);
    const archives = page(fake.series, num, size);
    return ok({
      aids: archives.map((a) => a.aid),
      page: { num, size, total: fake.series.length },
      archives,
    });
  });
  server.handle({ method: "GET", path: "/x/player/pagelist" }, (req) =>
    req.query.get("bvid") === "BV1wE4m1R7cu" ? ok(fake.pages) : notFound,
  );
  return fake;
}

/** A video to grow a list with (shaped like the fixtures' archives). */
export function extraArchive(n: number, bvid: string): Record<string, unknown> {
  return {
    aid: 990000000 + n,
    bvid,
    ctime: 1700000000 + n,
    duration: 600 + n,
    pic: "http://i0.hdslb.com/bfs/archive/extra.jpg",
    pubdate: 1700000000 + n,
    stat: { view: n },
    state: 0,
    title: `新增第 ${n} 集`,
    ugc_pay: 0,
  };
}
