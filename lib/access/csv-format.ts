import { isPlainText } from "@/lib/validation/plain-text";
import { CsvError, parse } from "csv-parse/sync";
import { z } from "zod";
import { csvCell } from "@/lib/csv/cell";
import { accessCodeSchema } from "./code-rules";

/**
 * The access users file (issue 12 §5), the same for import and export, so an export imports
 * again unchanged. One row per access user, a header row naming the columns:
 *
 *   external_id  required on import: the person's key, so importing a file twice changes nothing
 *   name         required, 1-100 characters
 *   email        optional
 *   status       active | suspended (empty: active)
 *   cards        facility:number, several separated by ";" (or "|"), e.g. 12:34567;12:34568
 *   entry_code   at most one, 4-16 digits
 *   mfa_codes    4-16 digits each, several separated by ";" (or "|")
 *
 * Column names are case-insensitive and may come in any order; only `external_id` and `name`
 * must be there; an unknown column is an error (the rows are still checked, so one upload shows
 * everything to fix). UTF-8, with or without a byte-order mark. The
 * delimiter is read from the header: a comma, or a semicolon (German Excel's "CSV"); lists
 * inside a cell use ";" either way, which CSV quoting keeps apart from a semicolon delimiter
 * (Excel quotes such cells; "|" is accepted for hand-written files).
 *
 * Exported cells go through csvCell (a leading = + - @ gets an apostrophe, so a spreadsheet
 * does not run a name as a formula); the import takes that apostrophe off again.
 *
 * This module only reads text; checks against the database (a card another person holds, who
 * already exists) are lib/access/csv-import.ts.
 */
export const CSV_COLUMNS = ["external_id", "name", "email", "status", "cards", "entry_code", "mfa_codes"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly CsvColumn[] = ["external_id", "name"];

export const CSV_MAX_ROWS = 200_000;
export const CSV_MAX_BYTES = 50 * 1024 * 1024;

/** One checked row: what the import writes for one access user. Codes are plain here: the caller seals them at once. */
export type AccessCsvRow = {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  externalId: string;
  name: string;
  email: string | null;
  status: "active" | "suspended";
  cards: { facilityCode: number; cardNumber: number }[];
  entryCode: string | null;
  mfaCodes: string[];
};

/**
 * A problem in the file. `code` is a key of accessImport.errors (the reader's language);
 * `values` fill it in and never hold a keypad code. `row` is null for the file as a whole.
 */
export type AccessCsvError = { row: number | null; column: CsvColumn | string | null; code: AccessCsvErrorCode; values?: Record<string, string | number> };

export type AccessCsvErrorCode =
  | "encoding"
  | "tooLarge"
  | "tooManyRows"
  | "malformed"
  | "empty"
  | "unknownColumn"
  | "duplicateColumn"
  | "missingColumn"
  | "columnCount"
  | "externalIdMissing"
  | "externalIdSyntax"
  | "externalIdDuplicate"
  | "nameMissing"
  | "nameLength"
  | "nameInvalid"
  | "emailInvalid"
  | "statusInvalid"
  | "cardSyntax"
  | "cardDuplicate"
  | "cardTaken"
  | "codeDigits"
  | "codeLength"
  | "entryCodeCount";

const EXTERNAL_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const CARD = /^(\d{1,5}):(\d{1,10})$/;
const LIST = /[;|]/;
const FORMULA_ESCAPED = /^'+[=+\-@\t\r]/;
const emailSchema = z.email();

/** A cell as written (a spreadsheet's formula guard taken off, surrounding spaces trimmed). */
function cellText(raw: string | undefined): string {
  const value = (raw ?? "").trim();
  return FORMULA_ESCAPED.test(value) ? value.slice(1) : value;
}

/** The delimiter of a file, read from its header line (a column name holds neither character). */
export function detectDelimiter(text: string): "," | ";" {
  const newline = text.search(/\r|\n/);
  const header = newline === -1 ? text : text.slice(0, newline);
  return header.includes(";") && !header.includes(",") ? ";" : ",";
}

/** Decodes the bytes as UTF-8, refusing anything else rather than importing mojibake names. */
export function decodeCsv(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** One code cell through the shared code rules: the normalised code, or the error's key. */
function checkCode(raw: string): { code: string } | { error: "codeDigits" | "codeLength" } {
  const parsed = accessCodeSchema.safeParse(raw);
  if (parsed.success) return { code: parsed.data };
  return { error: parsed.error.issues.some((issue) => issue.message === "access.errors.codeDigits") ? "codeDigits" : "codeLength" };
}

const listItems = (value: string) => value.split(LIST).map((item) => item.trim()).filter((item) => item !== "");

/**
 * Parses and checks a whole file: every row that is fine, and every error with its row and
 * column. Cross-row checks (a duplicate external id or card within the file) name the other row.
 */
export function parseAccessCsv(input: Uint8Array | string): { rows: AccessCsvRow[]; errors: AccessCsvError[] } {
  const bytes = typeof input === "string" ? null : input;
  if (bytes && bytes.byteLength > CSV_MAX_BYTES) return fileError("tooLarge", { megabytes: CSV_MAX_BYTES / 1024 / 1024 });
  const text = bytes ? decodeCsv(bytes) : (input as string);
  // A NUL is no character of a CSV of names and digits, and PostgreSQL's text and jsonb refuse
  // one: anywhere (a name, a column's name, a card cell quoted back in an error) it would fail
  // the preview's insert. The file is not text, as far as this import is concerned.
  if (text === null || text.includes("\u0000")) return fileError("encoding");

  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, "")),
      skip_empty_lines: true,
      relax_column_count: true,
      // Records, not lines (`to_line`): blank lines and line breaks in quoted cells would otherwise
      // end the read early and drop the last rows without a word. One record past the limit is read,
      // so too many rows is an error rather than a truncated import.
      to: CSV_MAX_ROWS + 2,
    });
  } catch (error) {
    if (error instanceof CsvError) return fileError("malformed", { line: Number((error as unknown as { lines?: number }).lines ?? 0) });
    throw error;
  }
  if (records.length === 0) return fileError("empty");
  if (records.length - 1 > CSV_MAX_ROWS) return fileError("tooManyRows", { max: CSV_MAX_ROWS });

  const header = checkHeader(records[0]!);
  if (!header.columns) return { rows: [], errors: header.errors };
  if (records.length === 1) return header.errors.length ? { rows: [], errors: header.errors } : fileError("empty");

  // An unknown column is reported and its cells left aside, so its rows are still checked: one
  // upload shows everything to fix.
  const rows: AccessCsvRow[] = [];
  const errors: AccessCsvError[] = [...header.errors];
  const externalIds = new Map<string, number>();
  const cards = new Map<string, number>();
  for (let index = 1; index < records.length; index++) {
    const result = checkRow(records[index]!, index + 1, header.columns, header.width, externalIds, cards);
    if ("errors" in result) errors.push(...result.errors);
    else rows.push(result.row);
  }
  return { rows, errors };
}

function fileError(code: AccessCsvErrorCode, values?: AccessCsvError["values"]) {
  return { rows: [], errors: [{ row: null, column: null, code, ...(values ? { values } : {}) }] };
}

/**
 * Column positions by name; unknown, repeated and missing columns are errors of row 1. Without a
 * required column, or with one twice, the rows cannot be read (`columns` is null).
 */
function checkHeader(cells: string[]): { columns: Map<CsvColumn, number> | null; width: number; errors: AccessCsvError[] } {
  const columns = new Map<CsvColumn, number>();
  const errors: AccessCsvError[] = [];
  cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase() as CsvColumn;
    if (!CSV_COLUMNS.includes(name)) errors.push({ row: 1, column: cell.trim(), code: "unknownColumn", values: { column: cell.trim() } });
    else if (columns.has(name)) errors.push({ row: 1, column: name, code: "duplicateColumn", values: { column: name } });
    else columns.set(name, index);
  });
  for (const name of REQUIRED_COLUMNS) if (!columns.has(name)) errors.push({ row: 1, column: name, code: "missingColumn", values: { column: name } });
  const unreadable = errors.some((error) => error.code !== "unknownColumn");
  return { columns: unreadable ? null : columns, width: cells.length, errors };
}

function checkRow(
  cells: string[],
  row: number,
  columns: Map<CsvColumn, number>,
  width: number,
  externalIds: Map<string, number>,
  cardRows: Map<string, number>,
): { row: AccessCsvRow } | { errors: AccessCsvError[] } {
  const errors: AccessCsvError[] = [];
  const fail = (column: CsvColumn | null, code: AccessCsvErrorCode, values?: AccessCsvError["values"]) => errors.push({ row, column, code, ...(values ? { values } : {}) });
  if (cells.length !== width) fail(null, "columnCount", { expected: width, found: cells.length });
  const get = (column: CsvColumn) => {
    const index = columns.get(column);
    return index === undefined ? "" : cellText(cells[index]);
  };

  const externalId = get("external_id");
  if (externalId === "") fail("external_id", "externalIdMissing");
  else if (!EXTERNAL_ID.test(externalId)) fail("external_id", "externalIdSyntax");
  else {
    const first = externalIds.get(externalId);
    if (first !== undefined) fail("external_id", "externalIdDuplicate", { otherRow: first });
    else externalIds.set(externalId, row);
  }

  const name = get("name");
  if (name === "") fail("name", "nameMissing");
  else if (name.length > 100) fail("name", "nameLength", { max: 100 });
  // As the forms and the API refuse (lib/access/schemas.ts): control characters and
  // bidirectional overrides that make a name read as another.
  else if (!isPlainText(name)) fail("name", "nameInvalid");

  const emailText = get("email");
  // Lower-cased as the forms store it, so one person has one spelling of their address.
  const email = emailText === "" ? null : emailText.toLowerCase();
  if (email !== null && (email.length > 254 || !emailSchema.safeParse(email).success)) fail("email", "emailInvalid");

  const statusText = get("status").toLowerCase();
  if (statusText !== "" && statusText !== "active" && statusText !== "suspended") fail("status", "statusInvalid");
  const status = statusText === "suspended" ? "suspended" : "active";

  const cards: AccessCsvRow["cards"] = [];
  for (const item of listItems(get("cards"))) {
    const match = CARD.exec(item.normalize("NFKC").replace(/\s+/g, ""));
    const facilityCode = match ? Number(match[1]) : NaN;
    const cardNumber = match ? Number(match[2]) : NaN;
    if (!match || facilityCode > 65_535 || cardNumber > 2_147_483_647) {
      fail("cards", "cardSyntax", { card: item.slice(0, 40) });
      continue;
    }
    const key = `${facilityCode}:${cardNumber}`;
    const first = cardRows.get(key);
    if (first !== undefined) {
      fail("cards", "cardDuplicate", { card: key, otherRow: first });
      continue;
    }
    cardRows.set(key, row);
    cards.push({ facilityCode, cardNumber });
  }

  let entryCode: string | null = null;
  const entryItems = listItems(get("entry_code"));
  if (entryItems.length > 1) fail("entry_code", "entryCodeCount");
  else if (entryItems.length === 1) {
    const checked = checkCode(entryItems[0]!);
    if ("error" in checked) fail("entry_code", checked.error);
    else entryCode = checked.code;
  }

  const mfaCodes = new Set<string>();
  for (const item of listItems(get("mfa_codes"))) {
    const checked = checkCode(item);
    if ("error" in checked) fail("mfa_codes", checked.error);
    else mfaCodes.add(checked.code);
  }

  if (errors.length) return { errors };
  return { row: { row, externalId, name, email, status, cards, entryCode, mfaCodes: [...mfaCodes] } };
}

// ── Writing (export and the template) ─────────────────────────────────────────────────────

/** What one exported row holds; codes only when the export includes them. */
export type AccessCsvRecord = {
  externalId: string | null;
  name: string;
  email: string | null;
  status: string;
  cards: { facilityCode: number; cardNumber: number }[];
  entryCode?: string | null;
  mfaCodes?: string[];
};

/** A text cell: csvCell's formula guard, plus one apostrophe more on text that already starts with one, so the import's unescaping gives it back exactly. */
const textCell = (value: string) => csvCell(FORMULA_ESCAPED.test(value) ? `'${value}` : value);

/** The header line (with a byte-order mark, so spreadsheets read names as UTF-8; CRLF as RFC 4180 has it). */
export const CSV_HEADER_LINE = `\uFEFF${CSV_COLUMNS.join(",")}\r\n`;

export function accessCsvLine(record: AccessCsvRecord): string {
  const cards = record.cards.map((card) => `${card.facilityCode}:${card.cardNumber}`).join(";");
  return [
    textCell(record.externalId ?? ""),
    textCell(record.name),
    textCell(record.email ?? ""),
    record.status,
    csvCell(cards),
    record.entryCode ?? "",
    csvCell((record.mfaCodes ?? []).join(";")),
  ].join(",") + "\r\n";
}

/** The template the import page offers: the header and two example rows. */
export function accessCsvTemplate(): string {
  return (
    CSV_HEADER_LINE +
    accessCsvLine({ externalId: "emp-0001", name: "Alex Example", email: "alex@example.com", status: "active", cards: [{ facilityCode: 12, cardNumber: 34567 }], entryCode: "", mfaCodes: ["482913"] }) +
    accessCsvLine({ externalId: "emp-0002", name: "Sam Example", email: "", status: "suspended", cards: [{ facilityCode: 12, cardNumber: 34568 }, { facilityCode: 12, cardNumber: 34569 }], entryCode: "5521", mfaCodes: ["240517", "913377"] })
  );
}
