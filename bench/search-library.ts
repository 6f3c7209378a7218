/**
 * The generated library of `bench:site-search` (issue 23): Zipf-distributed words from a
 * 20,000-word vocabulary and Chinese phrases, ~150 words a note, as real notes are; and its 20
 * queries: English words (common to rare, two words, prefixes being typed), 1-, 2- and
 * 4-character Chinese, and both mixed.
 */
import type { Library } from "../src/core/index.js";
import { makeLibrary, makePaper } from "../src/core/make-items.js";
import { createRandom as random } from "./paper-library.js";

const r = random(23);
const SYLLABLES = "ka to ri ne mu sa lo ven tra dif con ser bal mor qui zen pha lex dor gim".split(
  " ",
);
const HAN =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严".split(
    "",
  );

/** A vocabulary of made-up words, drawn with Zipf's law as words of real text are. */
const VOCABULARY = Array.from({ length: 20_000 }, (_, i) => {
  let w = "";
  for (let n = i + 7; n > 0; n = Math.floor(n / SYLLABLES.length)) {
    w += SYLLABLES[n % SYLLABLES.length];
  }
  return w;
});
const PHRASES = Array.from({ length: 5_000 }, () => {
  const n = 2 + Math.floor(r() * 3);
  return Array.from({ length: n }, () => HAN[Math.floor(r() ** 2 * HAN.length)]).join("");
});
/** A library of `items` generated papers (the same for the same count). */
export function searchLibrary(items: number): Library {
  const r = random(items);
  const zipf = <T>(list: readonly T[]): T => list[Math.floor(list.length ** r()) - 1] as T;
  const papers = Array.from({ length: items }, (_, i) => {
    const words = (n: number) =>
      Array.from({ length: n }, () => (r() < 0.7 ? zipf(VOCABULARY) : zipf(PHRASES))).join(" ");
    return makePaper({
      id: `p${i}`,
      short: `${zipf(VOCABULARY)}-${i}`,
      title: words(6),
      summary: words(15),
      tags: [zipf(VOCABULARY)],
      notes: `## ${words(4)}\n\n${words(60)}。\n\n${words(70)}`,
    });
  });
  return makeLibrary({ papers });
}

/** A 4-character phrase (it has hits, unlike two phrases' characters joined). */
const FOUR = PHRASES.filter((p) => [...p].length === 4);

/** Twenty queries: English words and prefixes, 1-, 2- and 4-character Chinese, and mixed. */
export const SEARCH_QUERIES = [
  VOCABULARY[2], // among the commonest words
  VOCABULARY[50],
  VOCABULARY[300],
  VOCABULARY[2000],
  VOCABULARY[15000], // rare
  `${VOCABULARY[5]} ${VOCABULARY[300]}`,
  `${VOCABULARY[1]} ${VOCABULARY[2]}`, // two common words
  (VOCABULARY[40] as string).slice(0, 4), // a prefix being typed
  (VOCABULARY[900] as string).slice(0, 3),
  "的", // the commonest character
  "学",
  HAN[150], // a rarer character
  (PHRASES[3] as string).slice(0, 2),
  (PHRASES[100] as string).slice(0, 2),
  (PHRASES[1000] as string).slice(0, 2),
  FOUR[0],
  FOUR[1],
  `${PHRASES[7]}${PHRASES[8]}`.slice(0, 4), // no hit
  `${(PHRASES[3] as string).slice(0, 2)} ${VOCABULARY[10]}`,
  `${VOCABULARY[100]} 的`,
] as string[];
