import { hash } from "@node-rs/argon2";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ARGON2_OPTIONS } from "@/lib/crypto/argon2";
import { hashPassword, isCommonPassword, newPasswordSchema, PASSWORD_MAX, PASSWORD_MIN, passwordLength, verifyPassword } from "./password";

const accepts = (password: string) => newPasswordSchema.safeParse(password).success;

/** Characters that NFKC leaves alone, one code point each, some of them two UTF-16 units. */
const stable = fc.constantFrom("a", "Z", "7", " ", "é", "ß", "漢", "ж", "😀", "𝄞", "🔐", "𠜎");

describe("password length (NIST SP 800-63B-4: code points after NFKC)", () => {
  it(`accepts exactly ${PASSWORD_MIN} to ${PASSWORD_MAX} code points, whatever their UTF-16 length`, () => {
    fc.assert(
      fc.property(fc.array(stable, { minLength: 1, maxLength: PASSWORD_MAX + 20 }), (chars) => {
        const password = chars.join("");
        expect(passwordLength(password)).toBe(chars.length);
        expect(accepts(password)).toBe(chars.length >= PASSWORD_MIN && chars.length <= PASSWORD_MAX);
      }),
    );
  });

  it("counts a decomposed letter (e + combining accent) as the one character NFKC makes of it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: PASSWORD_MAX + 5 }), (n) => {
        const password = "e\u0301".repeat(n); // 2n code points as typed, n after NFKC
        expect(passwordLength(password)).toBe(n);
        expect(accepts(password)).toBe(n >= PASSWORD_MIN && n <= PASSWORD_MAX);
      }),
    );
  });

  it("counts a compatibility ligature as the letters it stands for", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), (n) => {
        const password = "\ufb01".repeat(n); // "ﬁ": one code point as typed, "fi" after NFKC
        expect(passwordLength(password)).toBe(2 * n);
        expect(accepts(password)).toBe(2 * n >= PASSWORD_MIN && 2 * n <= PASSWORD_MAX);
      }),
    );
  });

  it("refuses rather than truncates: the value passes through whole", () => {
    const longest = "🔐x".repeat(PASSWORD_MAX / 2);
    expect(newPasswordSchema.parse(longest)).toBe(longest);
    expect(accepts(`${longest}y`)).toBe(false);
  });

  it("keeps the common-password list, compared after NFKC and case-insensitively", () => {
    expect(isCommonPassword("PaSsWoRd")).toBe(true);
    expect(isCommonPassword("ｐａｓｓｗｏｒｄ")).toBe(true); // full-width letters, NFKC "password"
  });
});

describe("hashing the NFKC form", { timeout: 60_000 }, () => {
  it("a password typed composed matches one hashed decomposed, and the other way round", async () => {
    const decomposed = "cafe\u0301 au lait, sans sucre";
    const composed = decomposed.normalize("NFC");
    expect(await verifyPassword(await hashPassword(decomposed), composed)).toBe(true);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });

  it("an older hash of the raw, unnormalised form still verifies", async () => {
    const raw = "\ufb01nal answer is forty-two";
    const legacy = await hash(raw, ARGON2_OPTIONS);
    expect(await verifyPassword(legacy, raw)).toBe(true);
    expect(await verifyPassword(legacy, "another answer entirely")).toBe(false);
  });

  it("a password at the limit is hashed whole: its first 127 characters do not match", async () => {
    const longest = "p".repeat(PASSWORD_MAX - 1) + "!";
    const stored = await hashPassword(longest);
    expect(await verifyPassword(stored, longest)).toBe(true);
    expect(await verifyPassword(stored, longest.slice(0, -1))).toBe(false);
  });
});
