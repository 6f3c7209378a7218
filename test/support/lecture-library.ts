/**
 * A library of one long lecture course for the transcript tests and bench: `episodes` episodes
 * of one multi-part bilibili video (episode N is part N, `?p=N`) and, when `cues` is given, a
 * transcript of that many cues per episode (one every 2 s, said words varied per episode, in
 * Chinese and English). `said` puts a line into one episode at one second.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  serializeTranscript,
  type TranscriptCue,
  type TranscriptHeader,
  transcriptPath,
} from "../../src/core/index.js";
import { makeCourse, makeEpisode, makeLibrary } from "../../src/core/make-items.js";
import { libraryFiles } from "../../src/store/index.js";

export const LECTURE_COURSE = "lectures";
export const LECTURE_BVID = "BV1wE4m1R7cu";

const WORDS =
  "梯度 下降 卷积 网络 注意力 机制 残差 连接 归一化 损失 函数 优化器 学习率 批量 数据 模型 训练 推理 参数 正则化 gradient descent convolution attention residual layer norm loss optimizer batch".split(
    " ",
  );

export interface LectureLibraryOptions {
  episodes: number;
  /** Cues per episode's transcript; none written when absent. */
  cues?: number;
  /** One line said in one episode at one second (replaces the cue starting there). */
  said?: { episode: number; at: number; text: string };
  /** Episode titles by number (default `第N讲 WORD`). */
  titles?: Record<number, string>;
  /** Episode notes (Markdown) by number. */
  notes?: Record<number, string>;
  /** The header lines a fetch writes, by episode number (`AI-Generated: yes`). */
  headers?: Record<number, TranscriptHeader>;
  /** A course of YouTube videos instead: episode N is the video `youtube[N-1]`. */
  youtube?: readonly string[];
}

/** The cues of one episode, deterministic. */
export function lectureCues(episode: number, count: number): TranscriptCue[] {
  return Array.from({ length: count }, (_, i) => {
    const w = (k: number) => WORDS[(episode * 7 + i * 3 + k * 11) % WORDS.length];
    return { start: i * 2, end: i * 2 + 2, text: `${w(0)}${w(1)} ${w(2)} 第${i}句 ${w(3)}` };
  });
}

/** Writes the library into `root` (which must be empty or absent); returns `root`. */
export function writeLectureLibrary(root: string, opts: LectureLibraryOptions): string {
  const course = makeCourse({
    id: LECTURE_COURSE,
    title: "深度学习 113 讲",
    source: opts.youtube
      ? { kind: "youtube-playlist", id: "PLRBp0Fe2GpglTnOLbhyrHAVaWsCIEX53Y" }
      : { kind: "bilibili", id: LECTURE_BVID },
    episodes: Array.from({ length: opts.episodes }, (_, i) =>
      makeEpisode({
        courseId: LECTURE_COURSE,
        number: i + 1,
        title: opts.titles?.[i + 1] ?? `第${i + 1}讲 ${WORDS[i % WORDS.length]}`,
        runtime: (opts.cues ?? 0) * 2 || 600,
        notes: opts.notes?.[i + 1] ?? "",
        videos: opts.youtube
          ? [
              {
                site: "youtube",
                id: opts.youtube[i] as string,
                url: `https://www.youtube.com/watch?v=${opts.youtube[i]}`,
              },
            ]
          : [
              {
                site: "bilibili",
                id: LECTURE_BVID,
                part: i + 1,
                url: `https://www.bilibili.com/video/${LECTURE_BVID}/`,
              },
            ],
      }),
    ),
  });
  const files = libraryFiles(makeLibrary({ courses: [course] }));
  if (opts.cues !== undefined) {
    for (let n = 1; n <= opts.episodes; n++) {
      const cues = lectureCues(n, opts.cues);
      const said = opts.said;
      if (said && said.episode === n) {
        const at = cues.findIndex((c) => c.start >= said.at);
        cues.splice(at < 0 ? cues.length : at, 1, {
          start: said.at,
          end: said.at + 2,
          text: said.text,
        });
      }
      files.set(transcriptPath(LECTURE_COURSE, n), serializeTranscript(cues, opts.headers?.[n]));
    }
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
