import crypto from "node:crypto";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { openSessionToken, sealSessionToken } from "./session-cookie";

const secret = crypto.randomBytes(32).toString("base64url");
const salt = "authjs.session-token";

describe("the session token", () => {
  it("is the token next-auth writes and reads, both ways", async () => {
    const written = await encode({ token: { sid: "from-next-auth" }, secret, salt, maxAge: 60 });
    expect(await openSessionToken(written, secret, salt)).toBe("from-next-auth");
    const ours = await sealSessionToken("from-us", secret, salt, 60);
    expect(await decode({ token: ours, secret, salt })).toMatchObject({ sid: "from-us" });
  });

  it("names no session when forged, tampered with, sealed for another cookie or secret, or expired", async () => {
    const token = await sealSessionToken("s1", secret, salt, 60);
    const [header, key, iv, cipher, tag] = token.split(".");
    const flipped = `${header}.${key}.${iv}.${cipher!.slice(0, -2)}${cipher!.endsWith("A") ? "B" : "A"}${cipher!.slice(-1)}.${tag}`;
    expect(await openSessionToken(flipped, secret, salt)).toBeNull();
    expect(await openSessionToken(token, secret, "__Host-authjs.session-token")).toBeNull();
    expect(await openSessionToken(token, crypto.randomBytes(32).toString("base64url"), salt)).toBeNull();
    expect(await openSessionToken("not a token", secret, salt)).toBeNull();
    // Past its end (beyond the 15 seconds of clock tolerance next-auth allows too).
    expect(await openSessionToken(await sealSessionToken("s1", secret, salt, -16), secret, salt)).toBeNull();
    expect(await openSessionToken(await sealSessionToken("s1", secret, salt, 60), secret, salt)).toBe("s1");
  });

  it("names nothing for a header it does not expect, even with a valid tag", async () => {
    // Re-sealed by jose under the same key, with another encryption or an extra header field.
    const { EncryptJWT } = await import("jose");
    const key = new Uint8Array(crypto.hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
    const exp = Math.floor(Date.now() / 1000) + 60;
    const gcm = await new EncryptJWT({ sid: "s1" }).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).setExpirationTime(exp).encrypt(key.subarray(0, 32));
    const typed = await new EncryptJWT({ sid: "s1" }).setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512", cty: "JWT" }).setExpirationTime(exp).encrypt(key);
    const plain = await new EncryptJWT({ sid: "s1" }).setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512" }).setExpirationTime(exp).encrypt(key);
    expect(await openSessionToken(gcm, secret, salt)).toBeNull();
    expect(await openSessionToken(typed, secret, salt)).toBeNull();
    // Without a kid, as RFC 7516 allows: the tag alone decides.
    expect(await openSessionToken(plain, secret, salt)).toBe("s1");
    const noExpiry = await new EncryptJWT({ sid: "s1" }).setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512" }).encrypt(key);
    expect(await openSessionToken(noExpiry, secret, salt)).toBeNull();
    const notYet = await new EncryptJWT({ sid: "s1" }).setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512" }).setExpirationTime(exp).setNotBefore(exp - 10).encrypt(key);
    expect(await openSessionToken(notYet, secret, salt)).toBeNull();
  });

  it("names nothing when the token carries no session id", async () => {
    const written = await encode({ token: { sub: "someone" }, secret, salt, maxAge: 60 });
    expect(await openSessionToken(written, secret, salt)).toBeNull();
  });
});
