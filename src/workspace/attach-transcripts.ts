import { join } from "node:path";
import { updateLibraryFile } from "../base/index.js";
import {
  JingduError,
  type Library,
  serializeTranscript,
  type TranscriptCue,
  type TranscriptHeader,
  transcriptPath,
} from "../core/index.js";

export interface AttachTranscriptsOptions {
  root: string;
  library: Library;
  courseId: string;
  /** Per episode, the cues read from its subtitle file (src/formats' readers). */
  transcripts: readonly {
    number: number;
    cues: readonly TranscriptCue[];
    /** What the transcript says of itself (a fetched one: its source, AI or not). */
    header?: TranscriptHeader;
  }[];
}

export interface AttachedTranscript {
  number: number;
  /** The library file written, relative to the root. */
  path: string;
  cues: number;
  /** Whether the episode had a transcript already (now replaced), or one with these very cues. */
  outcome: "added" | "replaced" | "unchanged";
}

/**
 * Writes episodes' transcripts as `transcripts/<course>/<n>.vtt` in the normalized WebVTT form
 * (core's serializeTranscript), each through the one library writer. The course and every
 * episode must exist, and every transcript have a cue: nothing is written otherwise.
 * @example await attachTranscripts({ root, library, courseId: "limu", transcripts: [{ number: 57, cues }] })
 */
export async function attachTranscripts(
  opts: AttachTranscriptsOptions,
): Promise<AttachedTranscript[]> {
  const course = opts.library.courses.find((c) => c.id === opts.courseId);
  if (!course) {
    throw new JingduError("unknown-course", `no course “${opts.courseId}”`, {
      hint: `Courses: ${opts.library.courses.map((c) => c.id).join(", ") || "(none)"}.`,
    });
  }
  const known = new Set(course.episodes.map((e) => e.number));
  const missing = opts.transcripts.filter((t) => !known.has(t.number)).map((t) => t.number);
  if (missing.length > 0) {
    throw new JingduError(
      "unknown-episode",
      `${course.id} has no episode ${missing.join(", ")} (it has ${course.episodes.length})`,
    );
  }
  const empty = opts.transcripts.filter((t) => t.cues.length === 0).map((t) => t.number);
  if (empty.length > 0) {
    throw new JingduError(
      "transcript-empty",
      `no cue could be read for ${empty.map((n) => `${course.id}/${n}`).join(", ")}; nothing written`,
    );
  }
  const attached: AttachedTranscript[] = [];
  for (const t of opts.transcripts) {
    const path = transcriptPath(course.id, t.number);
    const update = await updateLibraryFile(join(opts.root, path), (current) => ({
      content: serializeTranscript(t.cues, t.header),
      result: current.bytes !== null,
    }));
    const outcome = !update.changed ? "unchanged" : update.result ? "replaced" : "added";
    attached.push({ number: t.number, path, cues: t.cues.length, outcome });
  }
  return attached;
}
