import fc from "fast-check";
import { generateSync, ScureBase32Plugin } from "otplib";
import { describe, expect, it } from "vitest";
import {
  formatSetupKey,
  generateTotp,
  generateTotpSecret,
  matchTotp,
  totpStepAt,
  totpUri,
} from "./totp";

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const RFC_SECRET = new ScureBase32Plugin().encode(new TextEncoder().encode("12345678901234567890"), { padding: false });
const RFC_SHA1: [seconds: number, code: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

const at = (seconds: number) => new Date(seconds * 1000);
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"; // 20 bytes
const STEP = 56_666_666; // a step in 2023
const startOf = (step: number) => new Date(step * 30_000);
const codeAt = (step: number) => generateTotp(secret, startOf(step));

describe("RFC 6238 Appendix B (SHA-1)", () => {
  it("uses the RFC seed", () => {
    expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  });

  it.each(RFC_SHA1)("T = %i: otplib's 8-digit value is %s", (seconds, expected) => {
    expect(generateSync({ secret: RFC_SECRET, epoch: seconds, digits: 8, algorithm: "sha1", period: 30 })).toBe(expected);
  });

  it.each(RFC_SHA1)("T = %i: generateTotp gives the last six digits of %s", (seconds, expected) => {
    expect(generateTotp(RFC_SECRET, at(seconds))).toBe(expected.slice(-6));
  });

  it.each(RFC_SHA1)("T = %i: matchTotp accepts the code and returns its step", (seconds, expected) => {
    expect(matchTotp({ secret: RFC_SECRET, code: expected.slice(-6), now: at(seconds) })).toBe(Math.floor(seconds / 30));
  });
});

describe("generateTotpSecret", () => {
  it("is base32 of 20 random bytes (160 bits)", () => {
    const value = generateTotpSecret();
    expect(value).toMatch(/^[A-Z2-7]{32}$/);
    expect(new ScureBase32Plugin().decode(value)).toHaveLength(20);
  });

  it("differs every time", () => {
    const seen = new Set(Array.from({ length: 200 }, generateTotpSecret));
    expect(seen.size).toBe(200);
  });
});

describe("formatSetupKey", () => {
  it("groups the secret by four", () => {
    expect(formatSetupKey("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).toBe("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP");
    expect(formatSetupKey("ABCDEF")).toBe("ABCD EF");
  });

  it("loses nothing", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z2-7]{0,64}$/), (value) => {
        expect(formatSetupKey(value).replaceAll(" ", "")).toBe(value);
      }),
    );
  });
});

describe("totpUri", () => {
  it("spells out every parameter", () => {
    expect(totpUri({ secret, email: "ada@example.com" })).toBe(
      `otpauth://totp/Tessera:ada%40example.com?secret=${secret}&issuer=Tessera&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it("encodes the email so it cannot add parameters or path segments", () => {
    const email = "a+b&issuer=Evil/x?y#z@example.com";
    const url = new URL(totpUri({ secret, email }));
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname)).toBe(`/Tessera:${email}`);
    expect(url.hash).toBe("");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      secret,
      issuer: "Tessera",
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
  });
});

describe("matchTotp window", () => {
  it.each([
    ["at the first instant of the step", 0],
    ["in the middle of the step", 15_000],
    ["at the last millisecond of the step", 29_999],
  ])("%s: accepts steps -1, 0, +1 and refuses -2, +2", (_, offsetMs) => {
    const now = new Date(startOf(STEP).getTime() + offsetMs);
    expect(totpStepAt(now)).toBe(STEP);
    expect(matchTotp({ secret, code: codeAt(STEP), now })).toBe(STEP);
    expect(matchTotp({ secret, code: codeAt(STEP - 1), now })).toBe(STEP - 1);
    expect(matchTotp({ secret, code: codeAt(STEP + 1), now })).toBe(STEP + 1);
    expect(matchTotp({ secret, code: codeAt(STEP - 2), now })).toBeNull();
    expect(matchTotp({ secret, code: codeAt(STEP + 2), now })).toBeNull();
  });

  it("moves with the step boundary, to the millisecond", () => {
    const lastOfPrevious = new Date(startOf(STEP).getTime() - 1);
    // One millisecond before STEP the window is STEP-2 … STEP; at STEP it is STEP-1 … STEP+1.
    expect(matchTotp({ secret, code: codeAt(STEP - 2), now: lastOfPrevious })).toBe(STEP - 2);
    expect(matchTotp({ secret, code: codeAt(STEP), now: lastOfPrevious })).toBe(STEP);
    expect(matchTotp({ secret, code: codeAt(STEP + 1), now: lastOfPrevious })).toBeNull();
    expect(matchTotp({ secret, code: codeAt(STEP - 2), now: startOf(STEP) })).toBeNull();
    expect(matchTotp({ secret, code: codeAt(STEP + 1), now: startOf(STEP) })).toBe(STEP + 1);
  });

  it("refuses a code made with another secret", () => {
    expect(matchTotp({ secret: generateTotpSecret(), code: codeAt(STEP), now: startOf(STEP) })).toBeNull();
  });

  it("answers the first step within ±1 whose code matches, and nothing else (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 200_000_000 }), fc.integer({ min: -5, max: 5 }), fc.nat(29_999), (step, delta, ms) => {
        const code = codeAt(step + delta);
        // Codes of different steps collide by chance (1 in 10^6), so model the window exactly.
        const window = [step - 1, step, step + 1];
        const expected = window.find((candidate) => codeAt(candidate) === code) ?? null;
        expect(matchTotp({ secret, code, now: new Date(step * 30_000 + ms) })).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("matchTotp replay protection", () => {
  const now = new Date(startOf(STEP).getTime() + 10_000);

  it("refuses the step it already accepted", () => {
    const step = matchTotp({ secret, code: codeAt(STEP), now });
    expect(step).toBe(STEP);
    expect(matchTotp({ secret, code: codeAt(STEP), now, afterStep: step })).toBeNull();
  });

  it("still accepts a step after the last one", () => {
    expect(matchTotp({ secret, code: codeAt(STEP), now, afterStep: STEP - 1 })).toBe(STEP);
    expect(matchTotp({ secret, code: codeAt(STEP + 1), now, afterStep: STEP })).toBe(STEP + 1);
  });

  it("refuses earlier steps once a later one was used", () => {
    expect(matchTotp({ secret, code: codeAt(STEP - 1), now, afterStep: STEP })).toBeNull();
    expect(matchTotp({ secret, code: codeAt(STEP), now, afterStep: STEP + 1 })).toBeNull();
  });

  it("returns null rather than throwing when the last step is beyond the window", () => {
    expect(matchTotp({ secret, code: codeAt(STEP), now, afterStep: STEP + 50 })).toBeNull();
  });

  it("treats null and negative afterStep as never used", () => {
    expect(matchTotp({ secret, code: codeAt(STEP), now, afterStep: null })).toBe(STEP);
    expect(matchTotp({ secret, code: codeAt(STEP), now, afterStep: -1 })).toBe(STEP);
  });

  it("rejects a non-integer afterStep as a programming error", () => {
    expect(() => matchTotp({ secret, code: codeAt(STEP), now, afterStep: 1.5 })).toThrow(RangeError);
  });
});

describe("matchTotp input", () => {
  const now = startOf(STEP);
  const code = codeAt(STEP);

  it("ignores spaces", () => {
    expect(matchTotp({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, now })).toBe(STEP);
    expect(matchTotp({ secret, code: ` ${code}\t`, now })).toBe(STEP);
  });

  it.each([
    ["empty", ""],
    ["spaces only", "   "],
    ["five digits", code.slice(0, 5)],
    ["seven digits", `${code}0`],
    ["the code with a leading zero", `0${code}`],
    ["letters", "abcdef"],
    ["a letter inside", `${code.slice(0, 5)}a`],
    ["a dash", `${code.slice(0, 3)}-${code.slice(3)}`],
    ["a sign", `+${code.slice(1)}`],
    ["Arabic-Indic digits", code.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)))],
    ["full-width digits", code.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))],
    ["a very long string", "1".repeat(10_000)],
  ])("refuses %s", (_, input) => {
    expect(matchTotp({ secret, code: input, now })).toBeNull();
  });

  it("refuses any string that is not six ASCII digits (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 12 }), (input) => {
        fc.pre(!/^[0-9]{6}$/.test(input.replace(/\s+/g, "")));
        expect(matchTotp({ secret, code: input, now })).toBeNull();
      }),
    );
  });

  it("rejects an invalid date", () => {
    expect(() => matchTotp({ secret, code, now: new Date(Number.NaN) })).toThrow(RangeError);
  });
});
