/** A run of plain text, or a link (its `text` is the address itself). */
export type TextPart = { text: string; href?: string };

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
// Punctuation that ends a sentence rather than an address: "open https://x/a." links https://x/a.
const TRAILING = /[.,;:!?'"]+$/;

/** Drops trailing punctuation, and a closing bracket that has no opening one inside the address. */
function trimAddress(candidate: string): string {
  let address = candidate;
  for (;;) {
    const trimmed = address.replace(TRAILING, "");
    const last = trimmed.at(-1);
    const open = last === ")" ? "(" : last === "]" ? "[" : null;
    const unbalanced = open !== null && trimmed.split(open).length <= trimmed.split(last!).length - 1;
    const next = unbalanced ? trimmed.slice(0, -1) : trimmed;
    if (next === address) return address;
    address = next;
  }
}

/** Splits plain text into text and links, for showing stored messages with clickable links. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let position = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const href = trimAddress(match[0]);
    if (match.index > position) parts.push({ text: text.slice(position, match.index) });
    parts.push({ text: href, href });
    position = match.index + href.length;
  }
  if (position < text.length) parts.push({ text: text.slice(position) });
  return parts;
}
