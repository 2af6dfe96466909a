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

  it("names nothing when the token carries no session id", async () => {
    const written = await encode({ token: { sub: "someone" }, secret, salt, maxAge: 60 });
    expect(await openSessionToken(written, secret, salt)).toBeNull();
  });
});
