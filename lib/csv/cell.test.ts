import { describe, expect, it } from "vitest";
import { csvCell } from "./cell";

describe("csvCell", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", `"'=HYPERLINK(""http://x"")"`],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", `"'\rcmd"`],
  ])("a cell starting like a formula (%j) is made text", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("quotes commas, quotes and line breaks as RFC 4180 says", () => {
    expect(csvCell("a,b")).toBe(`"a,b"`);
    expect(csvCell(`say "hi"`)).toBe(`"say ""hi"""`);
    expect(csvCell("two\nlines")).toBe(`"two\nlines"`);
  });

  it("leaves plain text, inner signs and the empty cell alone", () => {
    expect(csvCell("alice@example.com")).toBe("alice@example.com");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("")).toBe("");
    expect(csvCell("日本語")).toBe("日本語");
  });
});
