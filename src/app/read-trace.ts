import type { Course, Episode, Library } from "../core/index.js";
import { printOf } from "./item-print.js";

/**
 * What a question got: a field's value as it is (a string, number, boolean, undefined or null),
 * an array that holds no items as its JSON, or for an object a tag (`\0@` and the item's root,
 * `\0a` a list of items, `\0o` an object, whose properties are questions of their own). Library
 * text never holds NUL (YAML and JSON documents cannot), so a tag never equals a read string.
 */
export type Answer = string | number | boolean | null | undefined;

/** Separates the parts of a question. */
export const SEP = "\u0000";
const KEYS = "\u0001k";
/** Derived questions about one item (`D␀name␀root`): answered from that item alone. */
export const ABOUT_ITEMS = new Set(["hasNotes", "cites", "tags"]);
const HAS = "\u0001h";

/**
 * A question a page asked while it rendered, as text: a root (`L` the library, `P␀id` a paper,
 * `C␀id` a course, `E␀course␀n` an episode, `K␀id` a category, `D␀name␀…` a derived value) and
 * the property path read from it. Recorded by `ReadTracker`, answered again by `answerOf`.
 */
export type Question = string;

/**
 * Questions by number, kept by a builder across builds: a read is recorded as a number, and a
 * view's property reads find theirs without building the question's text (`children`).
 */
export interface QuestionTable {
  questions: Question[];
  ids: Map<Question, number>;
  /** Each question split at `SEP` (what `answerParts` takes), made when first needed. */
  parts: (string[] | undefined)[];
  /** For each view's path, its keys' question numbers. */
  children: Map<string, Map<string, number>>;
  /**
   * The questions about each item (`itemRoot`) and those about nothing in particular: a builder
   * checks an item once for all its questions. Filled up to `grouped` by `groupQuestions`.
   */
  groups: Map<string, number[]>;
  loose: number[];
  grouped: number;
}

export function createQuestionTable(questions: Question[] = []): QuestionTable {
  let ids: Map<Question, number> | undefined;
  return {
    questions,
    // Made when first asked for: a build that renders nothing records no read, and for the
    // ~60,000 questions of a manifest the map costs a new process ~20-60 ms.
    get ids() {
      ids ??= new Map(questions.map((q, i) => [q, i]));
      return ids;
    },
    parts: [],
    children: new Map(),
    groups: new Map(),
    loose: [],
    grouped: 0,
  };
}

/** The root of the item a question is about (`P␀id`, `E␀course␀n`, …), if it is about one. */
export function itemRoot(parts: readonly string[]): string | undefined {
  const at = parts[0] === "D" ? (ABOUT_ITEMS.has(parts[1] as string) ? 2 : -1) : 0;
  const kind = parts[at];
  if (kind === "P" || kind === "C" || kind === "K") return `${kind}${SEP}${parts[at + 1]}`;
  if (kind === "E") return `E${SEP}${parts[at + 1]}${SEP}${parts[at + 2]}`;
  return undefined;
}

/** Files the questions added since the last call into `table.groups` and `table.loose`. */
export function groupQuestions(table: QuestionTable): void {
  for (let id = table.grouped; id < table.questions.length; id++) {
    const root = itemRoot(questionParts(table, id));
    if (root === undefined) table.loose.push(id);
    else {
      const group = table.groups.get(root);
      if (group) group.push(id);
      else table.groups.set(root, [id]);
    }
  }
  table.grouped = table.questions.length;
}

/** The number of `question` in `table`, added when new. */
export function questionId(table: QuestionTable, question: Question): number {
  let id = table.ids.get(question);
  if (id === undefined) {
    id = table.questions.push(question) - 1;
    table.ids.set(question, id);
  }
  return id;
}

/** Question `id` of `table`, split at `SEP`. */
export function questionParts(table: QuestionTable, id: number): readonly string[] {
  let parts = table.parts[id];
  if (parts === undefined) {
    parts = (table.questions[id] as Question).split(SEP);
    table.parts[id] = parts;
  }
  return parts;
}

/** Re-asks derived questions (`D␀name␀args…`) of today's inputs; see `SiteContext`. */
export type DerivedAnswers = Record<string, (args: readonly string[]) => Answer>;

/**
 * Records the questions asked while a function runs: the library is handed out as a view whose
 * property reads are recorded (`view`), and derived values record themselves (`record`). What a
 * page read is therefore what it got, not a list kept by hand beside it.
 */
export interface ReadTracker {
  /** Runs `fn`, returning what it read, by number in `table` (nested traces add to the outer). */
  trace<T>(fn: () => T): { value: T; reads: number[] };
  /** The questions recorded reads are numbers in. */
  table: QuestionTable;
  /** Records a question (a derived value handed out). */
  record(question: Question): void;
  /** Records the derived question `D␀name␀args…` (found by name and arguments, not by its text). */
  ask(name: string, ...args: string[]): void;
  /** The library as pages see it: every property read is recorded. */
  library: Library;
  /** The recording view of an item of the library (by its root), for accessors that hand one out. */
  item<T extends object>(raw: T): T;
  /**
   * The item behind a view and its root (undefined for what is not an item's view), for derived
   * questions about an item (`D␀name␀root`) that read it unrecorded.
   */
  unwrap<T extends object>(view: T): { raw: T; root: string } | undefined;
  /** What `question` is answered with by these inputs now. */
  answer(question: Question): Answer;
  /** `answer` of a question split at `SEP` (a builder keeps questions split). */
  answerParts(parts: readonly string[]): Answer;
  /**
   * The item a question is about (a paper, course, episode or category, also for a derived
   * question about one: `D␀hasNotes␀P␀id`); undefined for the library's other parts.
   */
  itemOf(parts: readonly string[]): object | undefined;
  /**
   * An item's content as one string (`itemOf`'s item): two items with the same print answer
   * every question about them (`itemRoot`) the same. Keys with `undefined` and non-finite
   * numbers are kept (a question may ask for a key's presence), and an item held inside this
   * one (a course's episodes) is its root, as `answerParts` tags it: its questions are its own.
   */
  print(item: object): string;
}

/** The root of each paper, course, episode and category object of `library`. */
function itemRoots(library: Library): WeakMap<object, string> {
  const roots = new WeakMap<object, string>();
  for (const p of library.papers) roots.set(p, `P${SEP}${p.id}`);
  for (const c of library.categories) roots.set(c, `K${SEP}${c.id}`);
  for (const c of library.courses) {
    roots.set(c, `C${SEP}${c.id}`);
    for (const e of c.episodes) roots.set(e, `E${SEP}${c.id}${SEP}${e.number}`);
  }
  return roots;
}

/**
 * A tracker over `library` and the derived values of `derived`. Views of objects are made once
 * per path (an item once per root), so a page comparing two reads of the same item by identity
 * gets the same object.
 */
export function createReadTracker(
  library: Library,
  derived: DerivedAnswers,
  table: QuestionTable = createQuestionTable(),
  recordReads = true,
): ReadTracker {
  const roots = itemRoots(library);
  // The lists that hold items are read element by element; any other array (a paper's authors
  // and links, an episode's videos) is read whole: one question, answered by its JSON.
  const lists = new WeakSet<object>([library.papers, library.categories, library.courses]);
  for (const c of library.courses) lists.add(c.episodes);
  const papers = new Map(library.papers.map((p) => [p.id, p]));
  const courses = new Map(library.courses.map((c) => [c.id, c]));
  const categories = new Map(library.categories.map((c) => [c.id, c]));
  const episodes = new Map<string, Map<string, Episode>>();
  for (const c of library.courses) {
    episodes.set(c.id, new Map(c.episodes.map((e) => [String(e.number), e])));
  }
  /** The item a question from `at` is about (`P␀id…`, `E␀course␀n…`), and where its path starts. */
  const itemAt = (parts: readonly string[], at: number): [object | undefined, number] => {
    const id = parts[at + 1] as string;
    switch (parts[at]) {
      case "P":
        return [papers.get(id), at + 2];
      case "C":
        return [courses.get(id), at + 2];
      case "K":
        return [categories.get(id), at + 2];
      case "E":
        return [episodes.get(id)?.get(parts[at + 2] as string), at + 3];
      default:
        return [undefined, at];
    }
  };
  let reads: Set<number> | undefined;
  const record = (q: Question) => reads?.add(questionId(table, q));
  const ask = (name: string, ...args: string[]) => {
    if (!reads) return;
    const path = `D${SEP}${name}`;
    let kids = table.children.get(path);
    if (!kids) {
      kids = new Map();
      table.children.set(path, kids);
    }
    const key = args.length === 1 ? (args[0] as string) : args.join(SEP);
    let id = kids.get(key);
    if (id === undefined) {
      id = questionId(table, args.length === 0 ? path : `${path}${SEP}${key}`);
      kids.set(key, id);
    }
    reads.add(id);
  };
  const tagOf = (value: object): string => {
    const root = roots.get(value);
    if (root) return `${SEP}@${root}`;
    if (lists.has(value)) return `${SEP}a`;
    if (!Array.isArray(value)) return `${SEP}o`;
    return `${SEP}${JSON.stringify(value)}`;
  };
  const views = new Map<string, { raw: object; view: object }>();
  const rawOf = new WeakMap<object, object>();
  const itemViews = new WeakMap<object, object>();
  const viewOf = (raw: object, path: string): object => {
    const item = itemViews.get(raw);
    if (item) return item;
    const known = views.get(path);
    if (known?.raw === raw) return known.view;
    let kids = table.children.get(path);
    if (!kids) {
      kids = new Map();
      table.children.set(path, kids);
    }
    const children = kids;
    const idOf = (key: string) => {
      let id = children.get(key);
      if (id === undefined) {
        id = questionId(table, `${path}${SEP}${key}`);
        children.set(key, id);
      }
      return id;
    };
    // The target is a stand-in: the raw object may be frozen (see the static build), and a
    // proxy of a frozen object must hand out its values themselves, not views of them.
    const list = Array.isArray(raw);
    const view = new Proxy(list ? [] : {}, {
      get(_, key) {
        const value: unknown = Reflect.get(raw, key);
        // Symbols and methods (an array's `map`, `Symbol.iterator`) are code, not data: the
        // method then reads the elements through this view.
        if (typeof key === "symbol" || typeof value === "function") return value;
        if (value === null || typeof value !== "object") {
          if (reads) reads.add(idOf(key));
          return value;
        }
        const root = roots.get(value);
        if (root) {
          if (reads) reads.add(idOf(key));
          return viewOf(value, root);
        }
        // An object's path is its question's text (made once, with its number).
        const id = idOf(key);
        reads?.add(id);
        if (Array.isArray(value) && !lists.has(value)) return value;
        return viewOf(value, table.questions[id] as Question);
      },
      has(_, key) {
        if (typeof key !== "symbol") record(`${path}${SEP}${key}${SEP}${HAS}`);
        return Reflect.has(raw, key);
      },
      ownKeys() {
        record(`${path}${SEP}${KEYS}`);
        return Reflect.ownKeys(raw);
      },
      getOwnPropertyDescriptor(_, key) {
        const own = Reflect.getOwnPropertyDescriptor(raw, key);
        // An array's `length` is the stand-in's too, and stays as the stand-in has it.
        if (list && key === "length") {
          return { value: own?.value, writable: true, enumerable: false, configurable: false };
        }
        return own && { ...own, configurable: true };
      },
      set() {
        throw new TypeError("a page cannot change the library it renders");
      },
      defineProperty() {
        throw new TypeError("a page cannot change the library it renders");
      },
      deleteProperty() {
        throw new TypeError("a page cannot change the library it renders");
      },
    });
    views.set(path, { raw, view });
    rawOf.set(view, raw);
    // An item has one view, whatever path it was reached by.
    if (roots.get(raw) === path) itemViews.set(raw, view);
    return view;
  };

  const answerParts = (parts: readonly string[]): Answer => {
    const kind = parts[0];
    if (kind === "D") {
      const ask = derived[parts[1] as string];
      return ask ? ask(parts.slice(2)) : `${SEP}unknown`;
    }
    const [item, at]: [unknown, number] = kind === "L" ? [library, 1] : itemAt(parts, 0);
    if (at === 0) return `${SEP}unknown`;
    let value = item;
    const last = parts.at(-1);
    const has = last === HAS;
    const end = last === KEYS || has ? parts.length - 1 : parts.length;
    // For `has`, the path's last key is the one asked about: walk to its parent.
    for (let i = at; i < (has ? end - 1 : end); i++) {
      if (value === null || typeof value !== "object") return `${SEP}gone`;
      value = (value as Record<string, unknown>)[parts[i] as string];
    }
    const isObject = value !== null && typeof value === "object";
    if (last === KEYS) return isObject ? Object.keys(value as object).join(SEP) : undefined;
    if (has) return isObject && (parts[end - 1] as string) in (value as object);
    return isObject ? tagOf(value as object) : (value as Answer);
  };

  return {
    trace(fn) {
      const outer = reads;
      const mine = new Set<number>();
      reads = mine;
      try {
        const value = fn();
        return { value, reads: [...mine] };
      } finally {
        reads = outer;
        if (outer) for (const q of mine) outer.add(q);
      }
    },
    record,
    ask,
    table,
    // Without recording (the web app renders pages live and never asks what they read), pages get
    // the library itself: no views to make and keep for every object a page touches.
    library: recordReads ? (viewOf(library, "L") as Library) : library,
    item: (raw) => {
      const root = recordReads ? roots.get(raw) : undefined;
      return (root ? viewOf(raw, root) : raw) as typeof raw;
    },
    unwrap: (view) => {
      if (!recordReads) return undefined;
      const raw = rawOf.get(view);
      const root = raw && roots.get(raw);
      return raw && root ? { raw: raw as typeof view, root } : undefined;
    },
    answer: (question) => answerParts(question.split(SEP)),
    itemOf: (parts) =>
      parts[0] !== "D"
        ? itemAt(parts, 0)[0]
        : ABOUT_ITEMS.has(parts[1] as string)
          ? itemAt(parts, 2)[0]
          : undefined,
    answerParts,
    print: (item) => printOf(item, item, roots),
  };
}

/** Items handed to views by accessors: a course and one of its episodes. */
export type CourseEpisode = { course: Course; episode: Episode };
