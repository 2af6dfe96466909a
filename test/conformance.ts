import ts from "typescript";

/**
 * Reads docs/conformance.md and the test files it names (test/conformance.test.ts runs it).
 *
 * A Test cell names tests as `` `path/to/file.test.ts` › `exact title` ``, several separated by
 * `<br>`, or is "—" when no test applies. A test that exists only on another engineer's branch
 * is marked `` (branch `name`) `` after it. The title is the text between the quotes of the
 * title argument exactly as written in the source, so a template literal is written with its
 * `${…}` placeholders and an `it.each` title with its `%s`.
 */

export const COLUMNS = ["Section", "Requirement", "Where", "Test", "Notes"] as const;
export const NOTE_MARKERS = ["Not applicable", "Not yet", "By design"] as const;

export type Row = {
  /** The `##` heading above the table: which source the row belongs to. */
  source: string;
  /** 1-based line in the markdown file. */
  line: number;
  cells: Record<(typeof COLUMNS)[number], string>;
};

export type NamedTest = { file: string; title: string; branch: string | null };

/** Splits a markdown table row on unescaped pipes; `\|` stays a literal pipe inside a cell. */
export function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

/** Every row of every table whose header is exactly {@link COLUMNS}. */
export function parseConformanceTables(markdown: string): { rows: Row[]; errors: string[] } {
  const lines = markdown.split("\n");
  const rows: Row[] = [];
  const errors: string[] = [];
  let source = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading) source = heading[1]!.trim();
    const next = lines[i + 1] ?? "";
    if (!line.trim().startsWith("|") || !/^\s*\|?\s*:?-{3,}/.test(next)) continue;
    const header = splitRow(line);
    if (header.join("|") !== COLUMNS.join("|")) {
      errors.push(`line ${i + 1}: a table's columns must be ${COLUMNS.join(" | ")}, found ${header.join(" | ")}`);
      continue;
    }
    let j = i + 2;
    for (; j < lines.length && lines[j]!.trim().startsWith("|"); j++) {
      const cells = splitRow(lines[j]!);
      if (cells.length !== COLUMNS.length) {
        errors.push(`line ${j + 1}: ${cells.length} cells, expected ${COLUMNS.length}`);
        continue;
      }
      rows.push({
        source,
        line: j + 1,
        cells: Object.fromEntries(COLUMNS.map((name, k) => [name, cells[k]!])) as Row["cells"],
      });
    }
    i = j - 1;
  }
  return { rows, errors };
}

const EMPTY_CELL = /^(|—|–|-)$/;
const NAMED_TEST = /`([^`]+)`\s*›\s*`([^`]+)`(?:\s*\(branch `([^`]+)`\))?/g;

/** The tests a Test cell names, or an error when some of its text is not a test reference. */
export function parseTestCell(cell: string): { tests: NamedTest[]; error: string | null } {
  if (EMPTY_CELL.test(cell.trim())) return { tests: [], error: null };
  const tests: NamedTest[] = [];
  for (const match of cell.matchAll(NAMED_TEST)) {
    tests.push({ file: match[1]!.trim(), title: match[2]!, branch: match[3] ?? null });
  }
  const rest = cell.replace(NAMED_TEST, "").replace(/<br\s*\/?>/g, "").trim();
  if (rest !== "" || tests.length === 0) {
    return { tests, error: `the Test cell has text that is not \`file\` › \`title\`: ${JSON.stringify(rest || cell)}` };
  }
  return { tests, error: null };
}

/** Modifiers under which a test still runs; `.skip`, `.todo`, `.fails`, `.fixme` do not count. */
const RUNNING = new Set(["only", "concurrent", "sequential"]);
const SKIPPING = new Set(["skip", "todo", "fixme", "fails", "skipIf", "runIf"]);

/** `it`, `test`, `it.only`, `test.concurrent`…: a callee that declares one running test. */
function isTestCallee(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === "it" || expression.text === "test";
  if (ts.isPropertyAccessExpression(expression)) {
    return RUNNING.has(expression.name.text) && isTestCallee(expression.expression);
  }
  // it.each(table)(title, fn) and test.each(table)(title, fn)
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression)) {
    const access = expression.expression;
    return access.name.text === "each" && isTestCallee(access.expression);
  }
  return false;
}

/** `describe.skip(…)`, `test.describe.skip(…)`, `it.skip(…)`…: everything inside is skipped. */
function isSkippingCall(node: ts.CallExpression): boolean {
  let callee: ts.Expression = node.expression;
  while (ts.isCallExpression(callee)) callee = callee.expression;
  while (ts.isPropertyAccessExpression(callee)) {
    if (SKIPPING.has(callee.name.text)) return true;
    callee = callee.expression;
  }
  return false;
}

/**
 * The titles of the running tests a file declares, as written between their quotes (the raw
 * source text of a string or template literal, `${…}` placeholders included).
 */
export function declaredTestTitles(source: string, fileName = "file.ts"): Set<string> {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const titles = new Set<string>();
  const visit = (node: ts.Node, skipped: boolean) => {
    let inside = skipped;
    if (ts.isCallExpression(node)) {
      if (isSkippingCall(node)) inside = true;
      else if (!skipped && isTestCallee(node.expression)) {
        const title = node.arguments[0];
        if (title && (ts.isStringLiteral(title) || ts.isNoSubstitutionTemplateLiteral(title) || ts.isTemplateExpression(title))) {
          titles.add(title.getText(file).slice(1, -1));
        }
      }
    }
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(file, false);
  return titles;
}

/** Whether a Notes cell starts with one of {@link NOTE_MARKERS}. */
export function noteMarker(notes: string): (typeof NOTE_MARKERS)[number] | null {
  const text = notes.replace(/^[*_\s]+/, "");
  return NOTE_MARKERS.find((marker) => text.startsWith(marker)) ?? null;
}

/** The repository paths a Where cell names in backticks: files by extension, folders by a trailing slash. */
export function wherePaths(cell: string): string[] {
  return [...cell.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!)
    .filter((p) => /^[\w.@()[\]-]+(\/[\w.@()[\]-]+)*\/?$/.test(p) && /(\.(tsx?|mjs|json|prisma|css|md)|\/)$/.test(p));
}
