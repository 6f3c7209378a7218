export { parseTableDate } from "./dates.js";
export { parseEpisodeHeading } from "./headings.js";
export { splitTableRow } from "./markdown-table.js";
export { emptyStudyLogImport, parseStudyLog } from "./parse-study-log.js";
export type {
  EpisodeMatch,
  StudyLogImport,
  StudyLogOptions,
  StudyLogStats,
} from "./types.js";
export { parseVideoUrl } from "./video-refs.js";
