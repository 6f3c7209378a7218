import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { type Diagnostic, JingduError, type Library } from "../../core/index.js";
import {
  matchTranscriptFiles,
  type ReadTranscriptFile,
  readTranscriptFile,
  TRANSCRIPT_EXTENSIONS,
  type TranscriptFilesMatched,
} from "../../formats/index.js";
import { type AttachedTranscript, attachTranscripts } from "../../workspace/index.js";
import { loadLibraryReporting } from "../load-library.js";
import { printDiagnostics, printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { parseEpisodeSelector } from "./progress.js";
import { libraryRoot } from "./shared.js";
import { registerTranscriptFetch } from "./transcript-fetch.js";

/** Subtitle files larger than this are refused (a lecture's transcript is well under 1 MB). */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

async function readSubtitle(path: string, shown: string): Promise<ReadTranscriptFile> {
  const info = await stat(path);
  if (info.size > MAX_FILE_BYTES) {
    throw new JingduError("file-too-large", `${shown} is ${info.size} bytes, more than 32 MB`);
  }
  return readTranscriptFile(await readFile(path), { file: shown });
}

interface TranscriptAddReport {
  course: string;
  attached: (AttachedTranscript & { file: string; format: string; encoding: string })[];
  unmatched: TranscriptFilesMatched["unmatched"];
  missing: number[];
  diagnostics: Diagnostic[];
}

async function addOne(
  root: string,
  library: Library,
  selector: string,
  path: string,
  shown: string,
) {
  const { courseId, numbers } = parseEpisodeSelector(selector, library);
  if (numbers.length !== 1) {
    throw new JingduError("transcript-what", `“${selector}” names ${numbers.length} episodes`, {
      hint: "Give one episode, COURSE/N, with a file; or a COURSE with a folder.",
    });
  }
  const read = await readSubtitle(path, shown);
  const attached = await guard(read.diagnostics, () =>
    attachTranscripts({
      root,
      library,
      courseId,
      transcripts: [{ number: numbers[0] as number, cues: read.cues }],
    }),
  );
  return {
    course: courseId,
    attached: attached.map((a) => ({
      ...a,
      file: shown,
      format: read.format,
      encoding: read.encoding,
    })),
    unmatched: [],
    missing: [],
    diagnostics: read.diagnostics,
  };
}

/** Runs `write`; a refusal for want of cues names the problems that lost them first. */
async function guard<T>(diagnostics: Diagnostic[], write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof JingduError && err.code === "transcript-empty" && diagnostics.length > 0) {
      throw new JingduError("transcript-empty", err.message, {
        hint: diagnostics
          .slice(0, 5)
          .map((d) => `${d.file}:${d.line}: ${d.message}`)
          .join("\n"),
      });
    }
    throw err;
  }
}

async function addFolder(
  root: string,
  library: Library,
  courseId: string,
  dir: string,
  shownDir: string,
) {
  const course = library.courses.find((c) => c.id === courseId);
  if (!course) {
    throw new JingduError("unknown-course", `no course “${courseId}”`, {
      hint: `Courses: ${library.courses.map((c) => c.id).join(", ") || "(none)"}.`,
    });
  }
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && !e.name.startsWith("."))
    .map((e) => e.name)
    .filter((n) => TRANSCRIPT_EXTENSIONS[n.slice(n.lastIndexOf(".")).toLowerCase()] !== undefined);
  const match = matchTranscriptFiles(names, course.episodes);
  if (match.matched.length === 0) {
    throw new JingduError(
      "transcript-no-match",
      `none of the ${names.length} subtitle files in ${shownDir} matched an episode of ${courseId}`,
      {
        hint: "Name files by part or episode number (`P57.srt`, `057 残差网络.vtt`, `第57集.srt`) or by the episode's title.",
      },
    );
  }
  const diagnostics: Diagnostic[] = [];
  const reads = new Map<string, ReadTranscriptFile>();
  const unmatched = [...match.unmatched];
  const transcripts: { number: number; cues: ReadTranscriptFile["cues"] }[] = [];
  for (const m of match.matched) {
    const read = await readSubtitle(join(dir, m.file), join(shownDir, m.file));
    diagnostics.push(...read.diagnostics);
    if (read.cues.length === 0) {
      unmatched.push({ file: m.file, reason: "no cue could be read" });
      continue;
    }
    reads.set(m.file, read);
    transcripts.push({ number: m.episode, cues: read.cues });
  }
  if (transcripts.length === 0) {
    throw new JingduError("transcript-empty", `no cue could be read from the files of ${shownDir}`);
  }
  const written = await attachTranscripts({ root, library, courseId, transcripts });
  const fileOf = new Map(match.matched.map((m) => [m.episode, m.file]));
  return {
    course: courseId,
    attached: written.map((a) => {
      const file = fileOf.get(a.number) as string;
      const read = reads.get(file) as ReadTranscriptFile;
      return { ...a, file: join(shownDir, file), format: read.format, encoding: read.encoding };
    }),
    unmatched,
    missing: match.missing.filter((n) => !written.some((a) => a.number === n)),
    diagnostics,
  };
}

export const registerTranscript: RegisterCommand = (program, ctx, setCode) => {
  const transcript = program
    .command("transcript")
    .description("attach what was said in episodes (WebVTT, SRT, bilibili subtitle JSON)");
  registerTranscriptFetch(transcript, program, ctx, setCode);
  transcript
    .command("add")
    .argument("<episode-or-course>", "COURSE/N with a FILE, or COURSE with a FOLDER")
    .argument("<file-or-folder>", "a .vtt/.srt/.json file, or a folder of them")
    .description("attach a subtitle file to an episode, or a folder of them to a course's episodes")
    .option("--json", "print { course, attached, unmatched, missing, diagnostics }")
    .action(async (target: string, source: string, opts: { json?: boolean }) => {
      const root = await libraryRoot(program, ctx);
      const { library } = await loadLibraryReporting(ctx, root);
      const path = resolve(ctx.cwd, source);
      const shown = relative(ctx.cwd, path) || basename(path);
      const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") throw new JingduError("file-not-found", `no file ${source}`);
        throw err;
      });
      const report: TranscriptAddReport = info.isDirectory()
        ? await addFolder(root, library, target, path, shown)
        : await addOne(root, library, target, path, shown);
      if (opts.json) {
        printJson(ctx.output, report);
        return;
      }
      printDiagnostics(ctx.output, report.diagnostics);
      for (const a of report.attached) {
        ctx.output.out(
          `${report.course}/${a.number}  ${a.outcome.padEnd(9)} ${a.cues} cues  ${a.path}  ← ${a.file} (${a.format}, ${a.encoding})`,
        );
      }
      for (const u of report.unmatched) ctx.output.out(`not matched  ${u.file}: ${u.reason}`);
      if (info.isDirectory()) {
        ctx.output.out(
          `${report.attached.length} matched, ${report.unmatched.length} not matched; ${report.missing.length} episodes without a transcript${report.missing.length > 0 && report.missing.length <= 20 ? ` (${report.missing.join(", ")})` : ""}`,
        );
      }
    });
};
