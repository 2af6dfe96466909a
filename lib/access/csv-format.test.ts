import { describe, expect, it } from "vitest";
import { accessCsvLine, accessCsvTemplate, CSV_HEADER_LINE, CSV_MAX_BYTES, CSV_MAX_ROWS, detectDelimiter, parseAccessCsv } from "./csv-format";

const HEADER = "external_id,name,email,status,cards,entry_code,mfa_codes";
const file = (...lines: string[]) => [HEADER, ...lines].join("\n");
const codesOf = (text: string | Uint8Array) => parseAccessCsv(text).errors.map((error) => [error.row, error.column, error.code]);

describe("parseAccessCsv", () => {
  it("reads a good file: lists of cards and codes, status, optional email, normalised codes", () => {
    const { rows, errors } = parseAccessCsv(file(`e1,Alex,alex@example.com,active,"12:34567;12:34568",1234,"482913;240517"`, "e2,Sam,,suspended,,,"));
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { row: 2, externalId: "e1", name: "Alex", email: "alex@example.com", status: "active", cards: [{ facilityCode: 12, cardNumber: 34567 }, { facilityCode: 12, cardNumber: 34568 }], entryCode: "1234", mfaCodes: ["482913", "240517"] },
      { row: 3, externalId: "e2", name: "Sam", email: null, status: "suspended", cards: [], entryCode: null, mfaCodes: [] },
    ]);
  });

  it("accepts a byte-order mark, column names in any case and order, and only the required columns", () => {
    const bytes = new TextEncoder().encode("\uFEFFName,EXTERNAL_ID\r\nAlex,e1\r\n");
    expect(parseAccessCsv(bytes)).toEqual({ rows: [expect.objectContaining({ externalId: "e1", name: "Alex", cards: [], mfaCodes: [] })], errors: [] });
  });

  it("reads a semicolon-delimited file (German Excel), with lists in quoted cells or separated by |", () => {
    expect(detectDelimiter("external_id;name;cards\n")).toBe(";");
    expect(detectDelimiter(`${HEADER}\n`)).toBe(",");
    const { rows, errors } = parseAccessCsv('external_id;name;cards;mfa_codes\ne1;Jörg Müller;"12:1;12:2";1234|5678\n');
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ name: "Jörg Müller", cards: [{ facilityCode: 12, cardNumber: 1 }, { facilityCode: 12, cardNumber: 2 }], mfaCodes: ["1234", "5678"] });
  });

  it("follows CSV quoting: commas, quotes and line breaks inside quoted names", () => {
    const { rows, errors } = parseAccessCsv(file(`e1,"Doe, ""Jay"" Jr.",,,,,`));
    expect(errors).toEqual([]);
    expect(rows[0]!.name).toBe('Doe, "Jay" Jr.');
    // A quoted line break is read as part of the cell (the next row is not cut in two), and then
    // refused as the forms refuse it, with the other control characters and direction overrides.
    const broken = parseAccessCsv(file(`e1,"Doe\nJr.",,,,,\ne2,"\u202Eevil",,,,,\ne3,Fine,,,,,`));
    expect(broken.errors.map((error) => [error.row, error.column, error.code])).toEqual([
      [2, "name", "nameInvalid"],
      [3, "name", "nameInvalid"],
    ]);
  });

  it("stores emails lower-cased, as the forms do", () => {
    expect(parseAccessCsv(file(`e1,Ada,Ada@Example.COM,,,,`)).rows[0]!.email).toBe("ada@example.com");
  });

  it("turns full-width digits and grouping spaces into a code, as a keypad form does", () => {
    const { rows, errors } = parseAccessCsv(file("e1,Aiko,,,１２:３４５,１２３４,１２３ ４５６"));
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ cards: [{ facilityCode: 12, cardNumber: 345 }], entryCode: "1234", mfaCodes: ["123456"] });
  });

  it("names every kind of row error with its row and column", () => {
    const text = file(
      "e1,Alex,not-an-email,active,12:1,12a4,123", // bad email, bad digits, code too short
      "e1,Alex again,,,12:1,,", // duplicate external id, duplicate card
      ",,,,,,", // no external id, no name
      "bad id!,Sam,,paused,12-7,,12345678901234567", // external id syntax, status, card syntax, code too long
      "e5,Kim,,,99999:1;12:2147483648,1234;5678,", // facility out of range, number out of range, two entry codes
      "e6,Lee", // column count
    );
    expect(codesOf(text)).toEqual([
      [2, "email", "emailInvalid"],
      [2, "entry_code", "codeDigits"],
      [2, "mfa_codes", "codeLength"],
      [3, "external_id", "externalIdDuplicate"],
      [3, "cards", "cardDuplicate"],
      [4, "external_id", "externalIdMissing"],
      [4, "name", "nameMissing"],
      [5, "external_id", "externalIdSyntax"],
      [5, "status", "statusInvalid"],
      [5, "cards", "cardSyntax"],
      [5, "mfa_codes", "codeLength"],
      [6, "cards", "cardSyntax"],
      [6, "cards", "cardSyntax"],
      [6, "entry_code", "entryCodeCount"],
      [7, null, "columnCount"],
    ]);
    const errors = parseAccessCsv(text).errors;
    expect(errors.find((error) => error.code === "cardDuplicate")?.values).toEqual({ card: "12:1", otherRow: 2 });
    expect(errors.find((error) => error.code === "externalIdDuplicate")?.values).toEqual({ otherRow: 2 });
    // A code is never repeated in an error: the values say where, not what.
    expect(JSON.stringify(errors)).not.toMatch(/12a4|12345678901234567/);
  });

  it("refuses an unknown column by name, a repeated one and a missing required one", () => {
    // The rows are still checked beside an unknown column, so one upload shows all there is to fix.
    expect(parseAccessCsv("external_id,name,badge\ne1,Alex,1\ne2,,2\n").errors).toEqual([
      { row: 1, column: "badge", code: "unknownColumn", values: { column: "badge" } },
      { row: 3, column: "name", code: "nameMissing" },
    ]);
    expect(codesOf("name,Name\nAlex,Alex\n")).toEqual([[1, "name", "duplicateColumn"], [1, "external_id", "missingColumn"]]);
  });

  it("refuses what is not a CSV of access users: empty, not UTF-8, malformed quoting, too large, too many rows", () => {
    expect(codesOf("")).toEqual([[null, null, "empty"]]);
    expect(codesOf(`${HEADER}\n`)).toEqual([[null, null, "empty"]]);
    expect(codesOf(new Uint8Array([0x65, 0x78, 0xff, 0xfe]))).toEqual([[null, null, "encoding"]]);
    expect(parseAccessCsv(file('e1,"Alex,,,,,')).errors).toEqual([{ row: null, column: null, code: "malformed", values: { line: expect.any(Number) } }]);
    expect(codesOf(new Uint8Array(CSV_MAX_BYTES + 1))).toEqual([[null, null, "tooLarge"]]);
    const many = ["external_id,name", ...Array.from({ length: CSV_MAX_ROWS + 1 }, (_, i) => `e${i},n`)].join("\n");
    expect(codesOf(many)).toEqual([[null, null, "tooManyRows"]]);
  });

  it("counts rows, not lines: blank lines and line breaks in quoted names never drop rows silently at the limit", () => {
    // 100,010 rows with a blank line after each: 200,021 lines, far fewer rows than the limit.
    const spaced = ["external_id,name", ...Array.from({ length: 100_010 }, (_, i) => `e${i},n\n`)].join("\n");
    const read = parseAccessCsv(spaced);
    expect(read.errors).toEqual([]);
    expect(read.rows).toHaveLength(100_010);
    // CSV_MAX_ROWS + 1 rows, one of them spread over two lines by a quoted line break: still too many.
    const many = ["external_id,name", 'e-1,"two\nlines"', ...Array.from({ length: CSV_MAX_ROWS }, (_, i) => `e${i},n`)].join("\n");
    expect(codesOf(many)).toEqual([[null, null, "tooManyRows"]]);
  });
});

describe("the written file", () => {
  it("round-trips formula-looking names and everything else through export → import", () => {
    const records = [
      { externalId: "e1", name: "=HYPERLINK(\"http://x\")", email: "a@example.com", status: "active", cards: [{ facilityCode: 1, cardNumber: 2 }], entryCode: "1234", mfaCodes: ["0001", "987654"] },
      { externalId: "e2", name: "+SUM(A1)", email: null, status: "suspended", cards: [], entryCode: null, mfaCodes: [] },
      { externalId: "e3", name: "'=already quoted", email: null, status: "active", cards: [{ facilityCode: 3, cardNumber: 4 }, { facilityCode: 3, cardNumber: 5 }], entryCode: null, mfaCodes: [] },
      { externalId: "e4", name: "-1 @home, \"quoted\"", email: null, status: "active", cards: [], entryCode: null, mfaCodes: ["4321"] },
    ];
    const text = CSV_HEADER_LINE + records.map(accessCsvLine).join("");
    // What a spreadsheet sees first in each name cell is never a formula.
    expect(text).toContain("'=HYPERLINK");
    expect(text).toContain("'+SUM(A1)");
    const { rows, errors } = parseAccessCsv(new TextEncoder().encode(text));
    expect(errors).toEqual([]);
    expect(rows.map(({ row: _row, ...rest }) => rest)).toEqual(records);
  });

  it("offers a template that imports as it is", () => {
    const { rows, errors } = parseAccessCsv(accessCsvTemplate());
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(2);
  });
});
