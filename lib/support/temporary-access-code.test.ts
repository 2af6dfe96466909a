import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, CODE_LENGTH, hashTemporaryAccessCode, newTemporaryAccessCode, normalizeTemporaryAccessCode, sameHash } from "./temporary-access-code";

describe("temporary access codes", () => {
  it("carry at least 60 bits: 12 characters of a 32-letter alphabet, grouped for reading", () => {
    expect(CODE_LENGTH * Math.log2(new Set(CODE_ALPHABET).size)).toBeGreaterThanOrEqual(60);
    const codes = Array.from({ length: 200 }, newTemporaryAccessCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("are read kindly (case, spaces, dashes, O for 0, I and L for 1) and refused when they cannot be one", () => {
    expect(normalizeTemporaryAccessCode(" abcd-1234 efgh ")).toBe("ABCD1234EFGH");
    expect(normalizeTemporaryAccessCode("O0IL-0000-0000")).toBe("0011" + "0".repeat(8));
    expect(normalizeTemporaryAccessCode("ABCD-1234-EFG")).toBeNull();
    expect(normalizeTemporaryAccessCode("ABCD-1234-EFGU")).toBeNull();
    expect(hashTemporaryAccessCode("abcd 1234 efgh")).toBe(hashTemporaryAccessCode("ABCD-1234-EFGH"));
    expect(hashTemporaryAccessCode("")).toBeNull();
  });

  it("compares hashes in constant time and never equal for different or empty ones", () => {
    const a = hashTemporaryAccessCode("ABCD-1234-EFGH")!;
    const b = hashTemporaryAccessCode("ABCD-1234-EFGJ")!;
    expect(sameHash(a, a)).toBe(true);
    expect(sameHash(a, b)).toBe(false);
    expect(sameHash("", "")).toBe(false);
  });
});
