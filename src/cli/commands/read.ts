import { JingduError, type Library, type Paper } from "../../core/index.js";
import { orderSections, PAPER_SECTIONS } from "../../store/index.js";
import { parseValueRating, valueLabel, valueScore } from "../../study/index.js";
import { recordReading } from "../../workspace/index.js";
import { loadLibraryReporting } from "../load-library.js";
import { printJson } from "../output.js";
import type { RegisterCommand } from "../run-cli.js";
import { libraryRoot } from "./shared.js";

const SECTION_ALIASES: Record<string, string> = {
  intro: "introduction",
  methods: "method",
  experiment: "experiments",
  results: "experiments",
  conclusions: "conclusion",
};

/** A paper by id, or by its short name ignoring case (`ResNet`). */
export function findPaper(library: Library, text: string): Paper {
  const lower = text.toLowerCase();
  const paper =
    library.papers.find((p) => p.id === text) ??
    library.papers.find((p) => p.short.toLowerCase() === lower);
  if (!paper) {
    throw new JingduError("unknown-paper", `no paper “${text}” in the catalog`, {
      hint: "Use the paper's id (its file name in papers/) or its short name; `jingdu search` finds it.",
    });
  }
  return paper;
}

function parseSections(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values.flatMap((v) => v.split(","))) {
    const name = value.trim().toLowerCase();
    if (name === "") continue;
    const section = SECTION_ALIASES[name] ?? name;
    if (!(PAPER_SECTIONS as readonly string[]).includes(section)) {
      throw new JingduError("bad-section", `“${value}” is not a section of a paper`, {
        hint: `Sections: ${PAPER_SECTIONS.join(", ")}.`,
      });
    }
    out.push(section);
  }
  return out;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface ReadOptions {
  pass?: string;
  section: string[];
  value?: string;
  json?: boolean;
}

export const registerRead: RegisterCommand = (program, ctx) => {
  program
    .command("read")
    .argument("<paper>", "the paper's id (or short name)")
    .description("record reading a paper (passes, sections, value) and show its reading state")
    .option("--pass <n>", "a reading pass done today: 1, 2 or 3")
    .option(
      "--section <name>",
      `a section read (repeatable): ${PAPER_SECTIONS.join(", ")}`,
      collect,
      [],
    )
    .option("--value <n,e,p>", "value rating: novelty, effectiveness, problem size, each 1–5")
    .option("--json", "print the reading state as JSON")
    .action(async (text: string, opts: ReadOptions) => {
      const root = await libraryRoot(program, ctx);
      const { library } = await loadLibraryReporting(ctx, root);
      const paper = findPaper(library, text);
      let pass: 1 | 2 | 3 | undefined;
      if (opts.pass !== undefined) {
        if (!/^[123]$/.test(opts.pass)) {
          throw new JingduError("bad-pass", `--pass ${opts.pass}: a pass is 1, 2 or 3`, {
            hint: "Pass 1: title, abstract, conclusion, figures; pass 2: the whole paper, skipping proofs; pass 3: every detail.",
          });
        }
        pass = Number(opts.pass) as 1 | 2 | 3;
      }
      const sections = parseSections(opts.section);
      const value = opts.value === undefined ? undefined : parseValueRating(opts.value);
      if (opts.value !== undefined && !value) {
        throw new JingduError(
          "bad-value",
          `--value ${opts.value} is not three ratings from 1 to 5`,
          {
            hint: "Write novelty,effectiveness,problem-size, e.g. --value 4,5,5.",
          },
        );
      }
      const { state } = await recordReading({
        root,
        library,
        paperId: paper.id,
        sections,
        now: ctx.now,
        ...(pass === undefined ? {} : { pass }),
        ...(value ? { value } : {}),
      });
      const rated = state.value && {
        ...state.value,
        score: valueScore(state.value),
        label: valueLabel(valueScore(state.value)),
      };
      if (opts.json) {
        printJson(ctx.output, {
          paper: paper.id,
          short: paper.short,
          ...(paper.title ? { title: paper.title } : {}),
          passes: state.passes,
          sections: orderSections(state.sections),
          ...(rated ? { value: rated } : {}),
        });
        return;
      }
      const { out } = ctx.output;
      out(`${paper.short}${paper.title ? ` — ${paper.title}` : ""}  (${paper.id})`);
      const passText = ([1, 2, 3] as const)
        .map((n) => {
          const done = state.passes.find((p) => p.pass === n);
          return done ? `${n} ✓ ${done.date}` : `${n} ·`;
        })
        .join("   ");
      out(`  passes    ${passText}`);
      const extra = state.sections.filter(
        (s) => !(PAPER_SECTIONS as readonly string[]).includes(s),
      );
      out(
        `  sections  ${PAPER_SECTIONS.map((s) => `[${state.sections.includes(s) ? "x" : " "}] ${s}`).join("  ")}` +
          (extra.length > 0 ? `  (+ ${extra.join(", ")})` : ""),
      );
      out(
        rated
          ? `  value     novelty ${rated.novelty} × effectiveness ${rated.effectiveness} × problem size ${rated.problemSize} = ${rated.score} (${rated.label})`
          : "  value     not rated (--value N,E,P)",
      );
    });
};
