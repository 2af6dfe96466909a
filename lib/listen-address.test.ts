import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { listenNotice, nextStartArgs } from "./listen-address";

// Development mode writes its generated secrets into DATA_DIR.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-listen-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const dev = (extra: Record<string, string> = {}) => parseEnv({ APP_ENV: "development", DATA_DIR: dataDir, ...extra });
const production = (extra: Record<string, string> = {}) =>
  parseEnv({
    APP_ENV: "production",
    AUTH_SECRET: "s".repeat(40),
    ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
    AUDIT_SIGNING_KEY: Buffer.alloc(32, 2).toString("base64"),
    APP_URL: "https://tessera.example",
    RESEND_API_KEY: "re_live",
    ...extra,
  });

describe("where npm start listens", () => {
  it("development: this computer only, and says how to change it", () => {
    const env = dev({ PORT: "4000" });
    expect(nextStartArgs(env)).toEqual(["start", "-p", "4000", "-H", "127.0.0.1"]);
    expect(listenNotice(env)).toMatch(/127\.0\.0\.1:4000, this computer only.*HOST=0\.0\.0\.0/);
  });

  it("development with HOST: where HOST says, with a warning about the demo accounts and outbox", () => {
    const env = dev({ HOST: "0.0.0.0" });
    expect(nextStartArgs(env)).toEqual(["start", "-p", "3000", "-H", "0.0.0.0"]);
    expect(listenNotice(env)).toMatch(/0\.0\.0\.0:3000.*demo accounts.*outbox/);
  });

  it("production: every interface unless HOST says otherwise", () => {
    expect(nextStartArgs(production())).toEqual(["start", "-p", "3000", "-H", "0.0.0.0"]);
    expect(nextStartArgs(production({ HOST: "10.0.0.5" }))).toEqual(["start", "-p", "3000", "-H", "10.0.0.5"]);
    expect(listenNotice(production({ HOST: "::1", PORT: "8080" }))).toBe("Listening on [::1]:8080 (set HOST to change it).");
  });

  it("treats every loopback address as this computer only", () => {
    for (const HOST of ["127.0.0.1", "127.0.0.2", "::1", "localhost"]) expect(listenNotice(dev({ HOST }))).toMatch(/this computer only/);
    expect(listenNotice(dev({ HOST: "192.168.1.20" }))).toMatch(/anyone who can reach it/);
  });
});
