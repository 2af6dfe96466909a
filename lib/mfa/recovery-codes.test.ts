import crypto from "node:crypto";
import fc from "fast-check";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { formatDateTime } from "@/lib/format";
import {
  formatRecoveryCode,
  generateRecoveryCodes,
  parseRecoveryCode,
  RECOVERY_CODE_ALPHABET,
  recoveryCodesText,
  verifyRecoverySecret,
} from "./recovery-codes";

const CODE = /^[23456789abcdefghjkmnpqrstvwxyz]{5}-[23456789abcdefghjkmnpqrstvwxyz]{5}-[23456789abcdefghjkmnpqrstvwxyz]{5}$/;
const symbol = fc.constantFrom(...RECOVERY_CODE_ALPHABET);
const symbols = (length: number) => fc.string({ unit: symbol, minLength: length, maxLength: length });
const parts = fc.record({ selector: symbols(5), secret: symbols(10) });

let set: Awaited<ReturnType<typeof generateRecoveryCodes>>;

beforeAll(async () => {
  set = await generateRecoveryCodes(16);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the alphabet", () => {
  it("has 30 distinct lower-case symbols and none of the look-alikes", () => {
    expect(new Set(RECOVERY_CODE_ALPHABET).size).toBe(30);
    expect(RECOVERY_CODE_ALPHABET).toMatch(/^[a-z2-9]+$/);
    for (const ambiguous of "01ilou") expect(RECOVERY_CODE_ALPHABET).not.toContain(ambiguous);
  });
});

describe("generateRecoveryCodes", () => {
  it("makes `count` codes and as many records, in the same order", () => {
    expect(set.codes).toHaveLength(16);
    expect(set.records).toHaveLength(16);
    set.codes.forEach((code, i) => expect(parseRecoveryCode(code)?.selector).toBe(set.records[i]!.selector));
  });

  it("writes xxxxx-xxxxx-xxxxx from the alphabet", () => {
    for (const code of set.codes) expect(code).toMatch(CODE);
  });

  it("never repeats a code or a selector within a set", () => {
    expect(new Set(set.codes).size).toBe(16);
    expect(new Set(set.records.map((record) => record.selector)).size).toBe(16);
  });

  it("draws a new selector when the CSPRNG repeats one", async () => {
    let calls = 0;
    // The first two selectors come out identical ("22222"), every later symbol is "3".
    vi.spyOn(crypto, "randomInt").mockImplementation((() => (calls++ < 10 ? 0 : 1)) as typeof crypto.randomInt);
    const { codes, records } = await generateRecoveryCodes(2);
    expect(records.map((record) => record.selector)).toEqual(["22222", "33333"]);
    expect(codes).toEqual(["22222-33333-33333", "33333-33333-33333"]);
  });

  it("stores only salted argon2id hashes with the required cost, never the code", () => {
    const hashes = set.records.map((record) => record.hash);
    expect(new Set(hashes).size).toBe(16);
    set.records.forEach(({ hash }, i) => {
      expect(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
      const code = set.codes[i]!;
      const secret = parseRecoveryCode(code)!.secret;
      expect(hash).not.toContain(secret);
      expect(hash).not.toContain(secret.slice(0, 5));
      expect(hash).not.toContain(secret.slice(5));
      expect(hash.toLowerCase()).not.toContain(code.replaceAll("-", ""));
    });
  });

  it.each([0, -1, 1.5, 101, Number.NaN])("refuses count %s", async (count) => {
    await expect(generateRecoveryCodes(count)).rejects.toThrow(RangeError);
  });
});

describe("verifyRecoverySecret", () => {
  it("accepts the code's own secret", async () => {
    const { secret } = parseRecoveryCode(set.codes[0]!)!;
    await expect(verifyRecoverySecret(set.records[0]!.hash, secret)).resolves.toBe(true);
  });

  it("accepts the code however it was typed", async () => {
    const { secret } = parseRecoveryCode(` ${set.codes[1]!.toUpperCase().replaceAll("-", " ")} `)!;
    await expect(verifyRecoverySecret(set.records[1]!.hash, secret)).resolves.toBe(true);
  });

  it("refuses another code's secret, a near miss and the selector", async () => {
    const hash = set.records[0]!.hash;
    const own = parseRecoveryCode(set.codes[0]!)!;
    const other = parseRecoveryCode(set.codes[2]!)!;
    const nearMiss = own.secret.slice(0, 9) + (own.secret.endsWith("2") ? "3" : "2");
    await expect(verifyRecoverySecret(hash, other.secret)).resolves.toBe(false);
    await expect(verifyRecoverySecret(hash, nearMiss)).resolves.toBe(false);
    await expect(verifyRecoverySecret(hash, own.selector + own.secret)).resolves.toBe(false);
    await expect(verifyRecoverySecret(hash, "")).resolves.toBe(false);
  });

  it("does a real check and answers false when no record has the selector", async () => {
    const { secret } = parseRecoveryCode(set.codes[0]!)!;
    await expect(verifyRecoverySecret(null, secret)).resolves.toBe(false);
  });

  it("throws on a stored hash that is not argon2, instead of calling it a wrong code", async () => {
    await expect(verifyRecoverySecret("not-a-hash", "2345678923")).rejects.toThrow();
  });
});

describe("parseRecoveryCode", () => {
  const code = "k7m3q-x9c2h-v4tpe";
  const expected = { selector: "k7m3q", secret: "x9c2hv4tpe" };

  it.each([
    ["as printed", code],
    ["in capitals", "K7M3Q-X9C2H-V4TPE"],
    ["in mixed case", "k7M3q-X9c2h-v4TpE"],
    ["without dashes", "k7m3qx9c2hv4tpe"],
    ["with spaces for dashes", "k7m3q x9c2h v4tpe"],
    ["with spaces around", "  k7m3q-x9c2h-v4tpe\n"],
    ["with spaces around the dashes", "k7m3q - x9c2h - v4tpe"],
    ["with tabs and a non-breaking space", "k7m3q\tx9c2h\u00a0v4tpe"],
    ["with dashes in other places", "k7-m3qx9c2-hv4tpe"],
  ])("reads a code %s", (_, input) => {
    expect(parseRecoveryCode(input)).toEqual(expected);
  });

  it.each([
    ["empty", ""],
    ["dashes only", "---"],
    ["one symbol short", "k7m3q-x9c2h-v4tp"],
    ["one symbol long", "k7m3q-x9c2h-v4tpee"],
    ["a zero", "k7m3q-x9c2h-v4tp0"],
    ["a one", "k7m3q-x9c2h-v4tp1"],
    ["an i", "k7m3q-x9c2h-v4tpi"],
    ["an l", "k7m3q-x9c2h-v4tpl"],
    ["an o", "k7m3q-x9c2h-v4tpo"],
    ["a u", "k7m3q-x9c2h-v4tpu"],
    ["underscores", "k7m3q_x9c2h_v4tpe"],
    ["dots", "k7m3q.x9c2h.v4tpe"],
    ["an en dash", "k7m3q\u2013x9c2h\u2013v4tpe"],
    ["the Kelvin sign for k", "\u212a7m3q-x9c2h-v4tpe"],
    ["full-width letters", "ｋ7m3q-x9c2h-v4tpe"],
    ["a dotted capital I", "k7m3q-x9c2h-v4tp\u0130"],
    ["a TOTP code", "482913"],
    ["a very long input", `${code} ${" ".repeat(100)}`],
    ["two codes", `${code} ${code}`],
  ])("refuses %s", (_, input) => {
    expect(parseRecoveryCode(input)).toBeNull();
  });

  it("refuses a non-string at runtime", () => {
    expect(parseRecoveryCode(undefined as unknown as string)).toBeNull();
  });

  it("reads back every formatted code, whatever the case and spacing (property)", () => {
    fc.assert(
      fc.property(parts, fc.boolean(), fc.constantFrom("-", " ", "", " - "), (value, upper, separator) => {
        const printed = formatRecoveryCode(value).replaceAll("-", separator);
        expect(parseRecoveryCode(upper ? printed.toUpperCase() : printed)).toEqual(value);
      }),
    );
  });

  it("returns only well-formed parts for any input (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (input) => {
        const result = parseRecoveryCode(input);
        if (result) {
          expect(formatRecoveryCode(result)).toMatch(CODE);
          expect(input.replace(/[\s-]/g, "").toLowerCase()).toBe(result.selector + result.secret);
        }
      }),
    );
  });
});

describe("recoveryCodesText", () => {
  const generatedAt = new Date("2030-01-02T03:04:05Z");
  const codes = ["k7m3q-x9c2h-v4tpe", "22222-33333-44444"];
  const text = recoveryCodesText({ email: "ada@example.com", codes, generatedAt, locale: "en" });
  const lines = text.split("\n");

  it("has a title, the account and the date", () => {
    expect(lines[0]).toBe("Tessera recovery codes");
    expect(text).toContain("ada@example.com");
    expect(text).toContain(formatDateTime(generatedAt));
    expect(text).toContain("2030");
  });

  it("lists the codes one per line", () => {
    expect(lines.filter((line) => CODE.test(line))).toEqual(codes);
  });

  it("says each code works once and that regenerating invalidates them", () => {
    expect(text).toMatch(/once/);
    expect(text).toMatch(/new recovery codes invalidates/i);
    expect(text.endsWith("\n")).toBe(true);
  });

  it.each([
    ["ja", "Tesseraリカバリーコード", "2030年1月2日 03:04 UTC", /二要素認証/],
    ["de", "Tessera-Wiederherstellungscodes", "2. Jan. 2030, 03:04 UTC", /Zwei-Faktor/],
  ] as const)("in %s: the words, the date for the language, the same codes", (locale, title, date, words) => {
    const translated = recoveryCodesText({ email: "ada@example.com", codes, generatedAt, locale });
    const translatedLines = translated.split("\n");
    expect(translatedLines[0]).toBe(title);
    expect(translated).toContain(date);
    expect(translated).toMatch(words);
    expect(translated).toContain("ada@example.com");
    expect(translatedLines.filter((line) => CODE.test(line))).toEqual(codes);
    expect(translated).not.toMatch(/recoveryCodesFile|\{\w+\}/);
  });
});
