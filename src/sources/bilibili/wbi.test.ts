import { describe, expect, it } from "vitest";
import { signWbi, wbiKeyOfUrl, wbiMixinKey } from "./wbi.js";

// The worked example of bilibili-API-collect docs/misc/sign/wbi.md.
const keys = {
  imgKey: wbiKeyOfUrl("https://i0.hdslb.com/bfs/wbi/7cd084941338484aae1ad9425b84077c.png"),
  subKey: wbiKeyOfUrl("https://i0.hdslb.com/bfs/wbi/4932caff0ff746eab6f01bf08b70ac45.png"),
};

describe("WBI signing", () => {
  it("takes the keys from the nav answer's URLs and shuffles them into the documented mixin key", () => {
    expect(keys).toEqual({
      imgKey: "7cd084941338484aae1ad9425b84077c",
      subKey: "4932caff0ff746eab6f01bf08b70ac45",
    });
    expect(wbiMixinKey(keys)).toBe("ea1db124af3c7062474693fa704f4ff8");
  });

  it("signs the documented example to its w_rid, with wts added", () => {
    const signed = signWbi({ foo: "114", bar: "514", zab: 1919810 }, keys, 1702204169);
    expect(signed).toEqual({
      foo: "114",
      bar: "514",
      zab: "1919810",
      wts: "1702204169",
      w_rid: "8f6f2b5b3d485fe1886cec6a0be8c5d4",
    });
  });

  it("signs values without the characters !'()* (as bilibili's page does)", () => {
    const a = signWbi({ keyword: "a(b)!*'" }, keys, 1);
    const b = signWbi({ keyword: "ab" }, keys, 1);
    expect(a).toEqual(b);
  });
});
