import { JingduError } from "../core/index.js";

/**
 * The interface language of the library (`language:` in jingdu.yaml), as the app's switch sets
 * it: pages, the static site and reports all follow it, so it is remembered with the library.
 */
export async function setLanguage(opts: { root: string; language: string }): Promise<boolean> {
  if (opts.language !== "zh" && opts.language !== "en") {
    throw new JingduError("bad-language-setting", `${opts.language} is neither zh nor en`, {});
  }
  const { updateYamlFile } = await import("../store/index.js");
  const language = opts.language;
  return updateYamlFile(opts.root, "jingdu.yaml", (doc) => {
    doc.set("language", language);
  });
}
