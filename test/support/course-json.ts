/** An episode as `jingdu show course ID --json` prints it (the course-source tests read it). */
export interface JsonEpisode {
  number: number;
  title: string;
  runtime?: number;
  date?: string;
  videos: { site: string; id: string; url: string; part?: number }[];
}
