import { JingduError } from "../../core/index.js";

/**
 * A small, strict-enough XML reader for Atom feeds: elements, attributes, text, CDATA, comments,
 * processing instructions and the five named + numeric entities. No DTDs, no external entities
 * (nothing is ever fetched or expanded). Namespace prefixes are kept in `name` and dropped in `local`.
 */
export interface XmlElement {
  name: string;
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Malformed XML: a catalogue error (`bad-atom`: the reader reads arXiv's Atom feeds only). */
export class XmlSyntaxError extends JingduError {
  constructor(message: string) {
    super("bad-atom", message);
    this.name = "XmlSyntaxError";
  }
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#x")) return safeCodePoint(Number.parseInt(ref.slice(2), 16), whole);
    if (ref.startsWith("#")) return safeCodePoint(Number.parseInt(ref.slice(1), 10), whole);
    return NAMED[ref] ?? whole;
  });
}

function safeCodePoint(n: number, fallback: string): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : fallback;
}

const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** Parses a document and returns its root element; throws XmlSyntaxError on malformed input. */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = {
    name: "#document",
    local: "#document",
    attrs: {},
    children: [],
    text: "",
  };
  const stack: XmlElement[] = [root];
  let i = 0;
  const n = text.length;
  const top = () => stack[stack.length - 1] as XmlElement;
  while (i < n) {
    const lt = text.indexOf("<", i);
    if (lt === -1) {
      top().text += decodeEntities(text.slice(i));
      break;
    }
    if (lt > i) top().text += decodeEntities(text.slice(i, lt));
    if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      if (end === -1) throw new XmlSyntaxError("unterminated comment");
      i = end + 3;
    } else if (text.startsWith("<![CDATA[", lt)) {
      const end = text.indexOf("]]>", lt + 9);
      if (end === -1) throw new XmlSyntaxError("unterminated CDATA");
      top().text += text.slice(lt + 9, end);
      i = end + 3;
    } else if (text.startsWith("<?", lt)) {
      const end = text.indexOf("?>", lt + 2);
      if (end === -1) throw new XmlSyntaxError("unterminated processing instruction");
      i = end + 2;
    } else if (text.startsWith("<!", lt)) {
      throw new XmlSyntaxError("DOCTYPE and declarations are not accepted");
    } else if (text.startsWith("</", lt)) {
      const end = text.indexOf(">", lt);
      if (end === -1) throw new XmlSyntaxError("unterminated end tag");
      const name = text.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || open === root || open.name !== name) {
        throw new XmlSyntaxError(
          `unexpected </${name}>${open && open !== root ? ` (open: <${open.name}>)` : ""}`,
        );
      }
      i = end + 1;
    } else {
      const end = findTagEnd(text, lt);
      if (end === -1) throw new XmlSyntaxError("unterminated start tag");
      let inner = text.slice(lt + 1, end);
      const selfClosing = inner.endsWith("/");
      if (selfClosing) inner = inner.slice(0, -1);
      const nameMatch = /^[^\s/>]+/.exec(inner);
      if (!nameMatch) throw new XmlSyntaxError("tag without a name");
      const name = nameMatch[0];
      const attrs: Record<string, string> = {};
      for (const m of inner.slice(name.length).matchAll(ATTR)) {
        attrs[m[1] as string] = decodeEntities(m[3] ?? m[4] ?? "");
      }
      const el: XmlElement = {
        name,
        local: name.replace(/^.*:/, ""),
        attrs,
        children: [],
        text: "",
      };
      top().children.push(el);
      if (!selfClosing) stack.push(el);
      i = end + 1;
    }
  }
  if (stack.length > 1) throw new XmlSyntaxError(`unclosed <${top().name}> (truncated document?)`);
  const first = root.children[0];
  if (!first || root.children.length > 1)
    throw new XmlSyntaxError("expected exactly one root element");
  return first;
}

/** The index of the `>` closing a start tag, skipping `>` inside quoted attribute values. */
function findTagEnd(text: string, from: number): number {
  let quote = "";
  for (let j = from + 1; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return j;
  }
  return -1;
}

export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

export function childText(el: XmlElement, local: string): string | undefined {
  return el.children.find((c) => c.local === local)?.text;
}
