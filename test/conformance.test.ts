import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  declaredTestTitles,
  noteMarker,
  parseConformanceTables,
  parseTestCell,
  splitRow,
  wherePaths,
  type Row,
} from "./conformance";

/**
 * docs/conformance.md maps each requirement of RFC 6238, NIST SP 800-63B-4 and the OWASP MFA
 * and Authentication cheat sheets to the test that proves it. This keeps the table honest:
 * every test it names must exist, with that exact title, in a test that runs on this checkout;
 * a row without a test must say why; every file it names must exist. No database.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DOC = "docs/conformance.md";

const titleCache = new Map<string, Set<string> | null>();
function titlesIn(file: string): Set<string> | null {
  if (!titleCache.has(file)) {
    const full = path.join(root, file);
    titleCache.set(file, fs.existsSync(full) ? declaredTestTitles(fs.readFileSync(full, "utf8"), file) : null);
  }
  return titleCache.get(file)!;
}

/** What is wrong with one row's shape and reasons, before any test or file is looked up. */
function rowProblems(row: Row): string[] {
  const at = `${DOC}:${row.line} (${row.source}, ${row.cells.Section})`;
  const problems: string[] = [];
  if (!row.cells.Section || !row.cells.Requirement) problems.push(`${at}: Section and Requirement must be filled in`);
  const { tests, error } = parseTestCell(row.cells.Test);
  if (error) problems.push(`${at}: ${error}`);
  // Every branch is merged: a test is proved on this checkout or it is not named.
  if (/\(branch\s/.test(row.cells.Test)) problems.push(`${at}: a test marked as on another branch; every named test must be on this checkout`);
  if (tests.length === 0 && !noteMarker(row.cells.Notes)) {
    problems.push(`${at}: no test, and the Notes do not start with "Not applicable", "Not yet" or "By design"`);
  }
  return problems;
}

describe("docs/conformance.md", () => {
  const markdown = fs.readFileSync(path.join(root, DOC), "utf8");
  const { rows, errors: tableErrors } = parseConformanceTables(markdown);

  it("has a table for each source, and every row is well formed", () => {
    expect(tableErrors).toEqual([]);
    const sources = new Set(rows.map((row) => row.source));
    for (const wanted of [/RFC 6238/, /SP 800-63B-4/, /Multifactor Authentication Cheat Sheet/, /OWASP Authentication Cheat Sheet/]) {
      expect([...sources].some((s) => wanted.test(s)), `a table under a heading matching ${wanted}`).toBe(true);
    }
    expect(rows.length).toBeGreaterThan(100);
  });

  it("every row names a test or says why not (Not applicable, Not yet, By design)", () => {
    expect(rows.flatMap(rowProblems)).toEqual([]);
  });

  it("every test the table names exists, with that exact title, and runs", () => {
    const missing: string[] = [];
    for (const row of rows) {
      for (const test of parseTestCell(row.cells.Test).tests) {
        const titles = titlesIn(test.file);
        if (titles === null) missing.push(`${DOC}:${row.line}: no file ${test.file} (for ${JSON.stringify(test.title)})`);
        else if (!titles.has(test.title)) missing.push(`${DOC}:${row.line}: no running test titled ${JSON.stringify(test.title)} in ${test.file}`);
      }
    }
    expect(missing, `tests named in ${DOC} that do not exist`).toEqual([]);
  });

  it("every file the Where column names exists", () => {
    const missing: string[] = [];
    for (const row of rows) {
      for (const file of wherePaths(row.cells.Where)) {
        if (!fs.existsSync(path.join(root, file))) missing.push(`${DOC}:${row.line}: ${file}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("the conformance check's own rules", () => {
  it("reads titles as written: quotes, template literals with placeholders, it.each with %s", () => {
    const titles = declaredTestTitles(`
      const N = 5;
      describe("group", () => {
        it("plain 'quoted' title", () => {});
        test('single quotes', async () => {});
        it(\`\${N} racing uses: exactly one succeeds\`, () => {});
        it.each([[1, 2], [3, 4]])("adds %i and %i", (a, b) => {});
        it.concurrent("runs concurrently", () => {});
        test.describe("playwright group", () => { test("inside a playwright describe", async () => {}); });
        expect("not a test").toMatch(/it\\("fake"/);
      });
    `);
    expect([...titles].sort()).toEqual(
      [
        "plain 'quoted' title",
        "single quotes",
        "${N} racing uses: exactly one succeeds",
        "adds %i and %i",
        "runs concurrently",
        "inside a playwright describe",
      ].sort(),
    );
  });

  it("does not count skipped, todo or commented-out tests", () => {
    const titles = declaredTestTitles(`
      it.skip("skipped", () => {});
      it.todo("todo");
      test.fixme("fixme", async () => {});
      describe.skip("skipped group", () => { it("inside a skipped group", () => {}); });
      test.describe.skip("skipped playwright group", () => { test("inside it", async () => {}); });
      // it("commented out", () => {});
      /* it("block comment", () => {}); */
      const s = 'it("in a string", () => {})';
    `);
    expect([...titles]).toEqual([]);
  });

  it("reads a Test cell: several tests, an empty cell; anything else is an error", () => {
    expect(parseTestCell("—")).toEqual({ tests: [], error: null });
    const { tests, error } = parseTestCell("`a.test.ts` › `one`<br>`e2e/b.spec.ts` › `${N} two`");
    expect(error).toBeNull();
    expect(tests.map(({ file, title }) => ({ file, title }))).toEqual([
      { file: "a.test.ts", title: "one" },
      { file: "e2e/b.spec.ts", title: "${N} two" },
    ]);
    expect(parseTestCell("a.test.ts › one").error).toMatch(/not `file` › `title`/);
    expect(parseTestCell("`a.test.ts` › `one` and more").error).toMatch(/and more/);
  });

  it("needs a Not applicable, Not yet or By design note on a row without a test", () => {
    expect(noteMarker("Not applicable: no biometrics")).toBe("Not applicable");
    expect(noteMarker("**Not yet**: issue 9")).toBe("Not yet");
    expect(noteMarker("By design: …")).toBe("By design");
    expect(noteMarker("Partly met")).toBeNull();

    const row = (Test: string, Notes: string): Row => ({
      source: "X",
      line: 1,
      cells: { Section: "§1", Requirement: "r", Where: "—", Test, Notes },
    });
    expect(rowProblems(row("—", "Not yet: issue 9"))).toEqual([]);
    expect(rowProblems(row("`a.test.ts` › `one`", "—"))).toEqual([]);
    expect(rowProblems(row("—", "Partly met"))).toEqual([expect.stringMatching(/no test, and the Notes/)]);
    expect(rowProblems(row("", ""))).toEqual([expect.stringMatching(/no test, and the Notes/)]);
  });

  it("refuses a test marked as on another branch: every branch is merged, so it must be here", () => {
    const marked: Row = {
      source: "X",
      line: 1,
      cells: { Section: "§1", Requirement: "r", Where: "—", Test: "`a.test.ts` › `one` (branch `ui`)", Notes: "Not yet on this branch" },
    };
    expect(rowProblems(marked)).toEqual([expect.stringMatching(/on another branch/)]);
  });

  it("splits table rows on unescaped pipes only, and finds the five columns", () => {
    expect(splitRow("| a | b \\| c | d |")).toEqual(["a", "b | c", "d"]);
    const { rows, errors } = parseConformanceTables(
      ["## X", "", "| Section | Requirement | Where | Test | Notes |", "|---|---|---|---|---|", "| §1 | r | `w.ts` | — | Not yet: issue 9 |", ""].join("\n"),
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { source: "X", line: 5, cells: { Section: "§1", Requirement: "r", Where: "`w.ts`", Test: "—", Notes: "Not yet: issue 9" } },
    ]);
    expect(wherePaths("`lib/mfa/totp.ts`, `app/(auth)/sign-in/`, `otplib`, `crypto.randomInt`")).toEqual([
      "lib/mfa/totp.ts",
      "app/(auth)/sign-in/",
    ]);
  });
});
