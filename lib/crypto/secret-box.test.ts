import crypto from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { codesEqual, decryptSecret, deriveKey, encryptSecret, hmacCode, SecretBoxError } from "./secret-box";

const key = crypto.randomBytes(32);
const otherKey = crypto.randomBytes(32);
const plaintext = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const aad = "totp:factor_1";

function failure(run: () => unknown): SecretBoxError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretBoxError);
    return error as SecretBoxError;
  }
  throw new Error("expected a SecretBoxError");
}

// Flip one bit of the decoded part `index` (1 = IV, 2 = ciphertext+tag) and re-encode it.
function flipBit(box: string, index: 1 | 2, byte: number): string {
  const parts = box.split(".");
  const bytes = Buffer.from(parts[index]!, "base64url");
  bytes[byte % bytes.length]! ^= 1;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, with and without associated data", () => {
    expect(decryptSecret(encryptSecret(plaintext, key, { aad }), key, { aad })).toBe(plaintext);
    expect(decryptSecret(encryptSecret(plaintext, key), key)).toBe(plaintext);
  });

  it("round-trips any text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), fc.string({ maxLength: 40 }), (text, data) => {
        expect(decryptSecret(encryptSecret(text, key, { aad: data }), key, { aad: data })).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("writes v1.<12-byte IV>.<ciphertext + 16-byte tag>, base64url", () => {
    const box = encryptSecret(plaintext, key, { aad });
    const [version, iv, sealed] = box.split(".");
    expect(box.split(".")).toHaveLength(3);
    expect(version).toBe("v1");
    expect(iv).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
    expect(Buffer.from(sealed!, "base64url")).toHaveLength(plaintext.length + 16);
    expect(box).not.toContain(plaintext);
  });

  it("uses a fresh IV every time", () => {
    const boxes = Array.from({ length: 100 }, () => encryptSecret(plaintext, key));
    expect(new Set(boxes.map((box) => box.split(".")[1])).size).toBe(100);
    expect(new Set(boxes).size).toBe(100);
  });

  it("refuses the wrong key", () => {
    const box = encryptSecret(plaintext, key, { aad });
    expect(failure(() => decryptSecret(box, otherKey, { aad })).reason).toBe("authentication_failed");
  });

  it("refuses the wrong or missing associated data", () => {
    const box = encryptSecret(plaintext, key, { aad });
    expect(failure(() => decryptSecret(box, key, { aad: "totp:factor_2" })).reason).toBe("authentication_failed");
    expect(failure(() => decryptSecret(box, key)).reason).toBe("authentication_failed");
    const unbound = encryptSecret(plaintext, key);
    expect(failure(() => decryptSecret(unbound, key, { aad })).reason).toBe("authentication_failed");
  });

  it("detects any flipped bit in the IV, ciphertext or tag (property)", () => {
    const box = encryptSecret(plaintext, key, { aad });
    fc.assert(
      fc.property(fc.constantFrom(1 as const, 2 as const), fc.nat(1000), (part, byte) => {
        expect(failure(() => decryptSecret(flipBit(box, part, byte), key, { aad })).reason).toBe("authentication_failed");
      }),
    );
  });

  it("detects a truncated tag", () => {
    const box = encryptSecret(plaintext, key);
    const [version, iv, sealed] = box.split(".");
    const shortTag = Buffer.from(sealed!, "base64url").subarray(0, -4).toString("base64url");
    expect(() => decryptSecret(`${version}.${iv}.${shortTag}`, key)).toThrow(SecretBoxError);
  });

  it("refuses boxes swapped between owners", () => {
    const mine = encryptSecret("mine", key, { aad: "totp:a" });
    expect(() => decryptSecret(mine, key, { aad: "totp:b" })).toThrow(SecretBoxError);
  });

  it.each([
    ["empty", "", "malformed"],
    ["two parts", "v1.abc", "malformed"],
    ["four parts", "v1.a.b.c", "malformed"],
    ["another version", "v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", "unsupported_version"],
    ["a short IV", "v1.AAAA.AAAAAAAAAAAAAAAAAAAAAA", "malformed"],
    ["no room for a tag", "v1.AAAAAAAAAAAAAAAA.AAAA", "malformed"],
    ["standard base64", "v1.AAAAAAAAAAAAAAA+.AAAAAAAAAAAAAAAAAAAAAA", "malformed"],
  ] as const)("refuses %s as %s", (_, box, reason) => {
    expect(failure(() => decryptSecret(box, key)).reason).toBe(reason);
  });

  it("refuses stray characters that a lenient base64 decoder would skip", () => {
    const box = encryptSecret(plaintext, key);
    expect(failure(() => decryptSecret(`${box}!`, key)).reason).toBe("malformed");
    expect(failure(() => decryptSecret(`${box}=`, key)).reason).toBe("malformed");
  });

  it("insists on a 32-byte key", () => {
    expect(() => encryptSecret(plaintext, crypto.randomBytes(16))).toThrow(RangeError);
    expect(() => decryptSecret(encryptSecret(plaintext, key), key.subarray(0, 31))).toThrow(RangeError);
  });
});

describe("keys from the environment", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("decodes ENCRYPTION_KEY and derives a different code key from it", async () => {
    const raw = crypto.randomBytes(32);
    vi.stubEnv("APP_ENV", "test");
    vi.stubEnv("ENCRYPTION_KEY", raw.toString("base64"));
    vi.stubEnv("AUTH_SECRET", "x".repeat(40));
    vi.resetModules();
    const fresh = await import("./secret-box");
    expect(fresh.keyFromEnv().equals(raw)).toBe(true);
    expect(fresh.codeKeyFromEnv()).toHaveLength(32);
    expect(fresh.codeKeyFromEnv().equals(raw)).toBe(false);
    expect(fresh.codeKeyFromEnv().equals(deriveKey(raw, "one-time-code/v1"))).toBe(true);
  });

  it("gives stable, purpose-separated sub-keys", () => {
    expect(deriveKey(key, "a").equals(deriveKey(key, "a"))).toBe(true);
    expect(deriveKey(key, "a").equals(deriveKey(key, "b"))).toBe(false);
    expect(deriveKey(key, "a").equals(deriveKey(otherKey, "a"))).toBe(false);
  });
});

describe("hmacCode / codesEqual", () => {
  it("is HMAC-SHA256 (RFC 4231 test case 2), base64url", () => {
    const expected = Buffer.from("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "hex");
    expect(hmacCode(Buffer.from("Jefe"), "what do ya want for nothing?")).toBe(expected.toString("base64url"));
  });

  it("depends on the key and the value, and hides the code", () => {
    const digest = hmacCode(key, "challenge_1:482913");
    expect(digest).toHaveLength(43);
    expect(digest).not.toContain("482913");
    expect(hmacCode(key, "challenge_1:482913")).toBe(digest);
    expect(hmacCode(otherKey, "challenge_1:482913")).not.toBe(digest);
    expect(hmacCode(key, "challenge_2:482913")).not.toBe(digest);
    expect(hmacCode(key, "challenge_1:482914")).not.toBe(digest);
  });

  it("compares equal strings as equal and anything else as different", () => {
    const digest = hmacCode(key, "482913");
    expect(codesEqual(digest, hmacCode(key, "482913"))).toBe(true);
    expect(codesEqual(digest, hmacCode(key, "482914"))).toBe(false);
    expect(codesEqual(digest, digest.slice(0, -1))).toBe(false);
    expect(codesEqual(digest, "")).toBe(false);
    expect(codesEqual("", "")).toBe(true);
    expect(codesEqual("é", "e\u0301")).toBe(false);
  });

  it("agrees with === (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(codesEqual(a, b)).toBe(a === b);
        expect(codesEqual(a, a)).toBe(true);
      }),
    );
  });

  it("uses crypto.timingSafeEqual for the comparison", () => {
    const spy = vi.spyOn(crypto, "timingSafeEqual");
    codesEqual("abcdef", "abcdeg");
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
