import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, CODE_LENGTH, hashTemporaryAccessCode, newTemporaryAccessCode, normalizeTemporaryAccessCode, verifyTemporaryAccessCode } from "./temporary-access-code";

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
  });

  it("are stored as salted argon2id hashes, checked as they are typed, never equal for another or no code", async () => {
    const a = await hashTemporaryAccessCode("ABCD-1234-EFGH");
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toContain("ABCD1234EFGH");
    expect(await hashTemporaryAccessCode("ABCD-1234-EFGH")).not.toBe(a); // salted
    expect(await verifyTemporaryAccessCode(a, "abcd 1234 efgh")).toBe(true);
    expect(await verifyTemporaryAccessCode(a, "ABCD-1234-EFGJ")).toBe(false);
    expect(await verifyTemporaryAccessCode(a, "")).toBe(false);
    expect(await verifyTemporaryAccessCode(null, "ABCD-1234-EFGH")).toBe(false);
    await expect(hashTemporaryAccessCode("")).rejects.toThrow();
  });
});
