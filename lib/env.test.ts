import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

const KEY_32 = Buffer.alloc(32, 1).toString("base64");
const PRODUCTION = {
  APP_ENV: "production",
  AUTH_SECRET: "s".repeat(40),
  ENCRYPTION_KEY: KEY_32,
  AUDIT_SIGNING_KEY: Buffer.alloc(32, 2).toString("base64"),
  APP_URL: "https://tessera.example",
  SMTP_URL: "smtp://mailer:s3cret@mail.tessera.example:587",
} as const;

/** The ConfigError parseEnv throws for `source` (fails the test when it does not throw one). */
function configErrorFor(source: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("parseEnv accepted the configuration");
}

const tempDirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tessera-env-"));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("parseEnv in production", () => {
  it("accepts a complete configuration", () => {
    expect(parseEnv({ ...PRODUCTION })).toMatchObject({ APP_ENV: "production", APP_URL: "https://tessera.example" });
  });

  it("names every missing required variable", () => {
    const error = configErrorFor({ APP_ENV: "production" });
    for (const name of ["AUTH_SECRET", "ENCRYPTION_KEY", "AUDIT_SIGNING_KEY", "APP_URL"]) expect(error.message).toContain(name);
  });

  it.each(["AUTH_SECRET", "ENCRYPTION_KEY", "AUDIT_SIGNING_KEY", "APP_URL"] as const)("refuses to start without %s, and names only it", (name) => {
    const error = configErrorFor({ ...PRODUCTION, [name]: undefined });
    expect(error.message).toContain(name);
    for (const other of ["AUTH_SECRET", "ENCRYPTION_KEY", "AUDIT_SIGNING_KEY", "APP_URL"].filter((n) => n !== name)) expect(error.message).not.toContain(other);
  });

  it("treats an empty value as unset", () => {
    expect(configErrorFor({ ...PRODUCTION, AUTH_SECRET: "" }).message).toMatch(/Missing.*AUTH_SECRET/);
    const env = parseEnv({ ...PRODUCTION, DATABASE_URL: "", PORT: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it("is the mode when APP_ENV is unset", () => {
    const { APP_ENV: _unset, ...rest } = PRODUCTION;
    expect(parseEnv({ ...rest }).APP_ENV).toBe("production");
    expect(configErrorFor({}).message).toMatch(/AUTH_SECRET.*ENCRYPTION_KEY.*AUDIT_SIGNING_KEY.*APP_URL/s);
  });
});

describe("a mail provider in production", () => {
  it("is required: without RESEND_API_KEY or SMTP_URL the outbox would keep live codes readable", () => {
    const error = configErrorFor({ ...PRODUCTION, SMTP_URL: undefined, RESEND_API_KEY: undefined });
    expect(error.message).toMatch(/RESEND_API_KEY or SMTP_URL/);
    expect(error.message).toMatch(/outbox.*sign-in codes.*readable/s);
  });

  it("may be either Resend or SMTP", () => {
    expect(parseEnv({ ...PRODUCTION, SMTP_URL: undefined, RESEND_API_KEY: "re_live" }).RESEND_API_KEY).toBe("re_live");
    expect(parseEnv({ ...PRODUCTION }).SMTP_URL).toBe(PRODUCTION.SMTP_URL);
    expect(parseEnv({ ...PRODUCTION, SMTP_URL: "smtps://mail.tessera.example" }).SMTP_URL).toBe("smtps://mail.tessera.example");
  });

  it("is not needed in development or tests, where the outbox is the point", () => {
    expect(parseEnv({ APP_ENV: "development", DATA_DIR: tempDir() }).SMTP_URL).toBeUndefined();
    expect(parseEnv({ APP_ENV: "test" }).RESEND_API_KEY).toBeUndefined();
  });

  it.each(["http://mail.example", "mail.example:25", "smtp//x"])("rejects SMTP_URL=%j without echoing it", (value) => {
    const error = configErrorFor({ ...PRODUCTION, SMTP_URL: value });
    expect(error.message).toContain("SMTP_URL");
    expect(error.message).not.toContain(value);
  });
});

const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${"0123456789abcdef".repeat(2)}`,
  TWILIO_AUTH_TOKEN: "f".repeat(32),
  TWILIO_FROM: "+14155550100",
} as const;

describe("Twilio settings", () => {
  it("are optional: production starts without them (phone methods are then not offered)", () => {
    const env = parseEnv({ ...PRODUCTION });
    expect(env.TWILIO_ACCOUNT_SID).toBeUndefined();
    expect(env.TWILIO_FROM).toBeUndefined();
  });

  it("are accepted all three together, in any mode", () => {
    expect(parseEnv({ ...PRODUCTION, ...TWILIO })).toMatchObject(TWILIO);
    expect(parseEnv({ APP_ENV: "test", ...TWILIO })).toMatchObject(TWILIO);
  });

  it.each(Object.keys(TWILIO))("are all or none: without %s the others are refused, naming what is missing", (name) => {
    const error = configErrorFor({ ...PRODUCTION, ...TWILIO, [name]: undefined });
    expect(error.message).toMatch(/Twilio is partly configured/);
    expect(error.message).toContain(`set ${name} too`);
  });

  it("count an empty value as unset", () => {
    expect(configErrorFor({ APP_ENV: "test", ...TWILIO, TWILIO_AUTH_TOKEN: "" }).message).toContain("set TWILIO_AUTH_TOKEN too");
    expect(parseEnv({ APP_ENV: "test", TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "", TWILIO_FROM: "" }).TWILIO_FROM).toBeUndefined();
  });

  it.each([
    ["TWILIO_ACCOUNT_SID", "SK0123456789abcdef0123456789abcdef"],
    ["TWILIO_ACCOUNT_SID", "AC123"],
    ["TWILIO_AUTH_TOKEN", "short"],
    ["TWILIO_FROM", "0415 555 0100"],
    ["TWILIO_FROM", "+1 415 555 0100"],
  ])("refuse %s=%j, naming the variable without echoing the value", (name, value) => {
    const error = configErrorFor({ ...PRODUCTION, ...TWILIO, [name]: value });
    expect(error.message).toContain(name);
    expect(error.message).not.toContain(value);
  });
});

describe("parseEnv rejects invalid values, naming the variable", () => {
  it.each([
    ["DATABASE_URL", "mysql://root@localhost/tessera"],
    ["DATABASE_URL", "not a url"],
    ["PORT", "0"],
    ["PORT", "70000"],
    ["PORT", "abc"],
    ["ENCRYPTION_KEY", Buffer.alloc(16, 1).toString("base64")],
    ["ENCRYPTION_KEY", Buffer.alloc(33, 1).toString("base64")],
    ["AUDIT_SIGNING_KEY", Buffer.alloc(31, 1).toString("base64")],
    ["AUDIT_SIGNING_KEY", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----"],
    ["AUDIT_RETENTION_DAYS", "0"],
    ["AUDIT_RETENTION_DAYS", "forever"],
  ])("%s=%j", (name, value) => {
    expect(configErrorFor({ ...PRODUCTION, [name]: value }).message).toContain(name);
  });

  it("accepts the edges of the port range", () => {
    expect(parseEnv({ ...PRODUCTION, PORT: "1" }).PORT).toBe(1);
    expect(parseEnv({ ...PRODUCTION, PORT: "65535" }).PORT).toBe(65535);
  });
});

describe("parseEnv in development", () => {
  const secretsFile = (dir: string) => path.join(dir, "secrets.json");

  it("generates the secrets into DATA_DIR/secrets.json, readable by the owner only", () => {
    const dir = path.join(tempDir(), "data");
    const env = parseEnv({ APP_ENV: "development", DATA_DIR: dir });

    const stored = JSON.parse(fs.readFileSync(secretsFile(dir), "utf8"));
    expect(stored).toEqual({ AUTH_SECRET: env.AUTH_SECRET, ENCRYPTION_KEY: env.ENCRYPTION_KEY, AUDIT_SIGNING_KEY: env.AUDIT_SIGNING_KEY });
    expect(env.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(env.ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(fs.statSync(secretsFile(dir)).mode & 0o777).toBe(0o600);
  });

  it("reuses the generated secrets on the next parse", () => {
    const dir = tempDir();
    const first = parseEnv({ APP_ENV: "development", DATA_DIR: dir });
    const second = parseEnv({ APP_ENV: "development", DATA_DIR: dir });
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(second.ENCRYPTION_KEY).toBe(first.ENCRYPTION_KEY);
    expect(second.AUDIT_SIGNING_KEY).toBe(first.AUDIT_SIGNING_KEY);
  });

  it("adds a secret that came later to an existing secrets file, keeping the others", () => {
    const dir = tempDir();
    fs.writeFileSync(secretsFile(dir), JSON.stringify({ AUTH_SECRET: "a".repeat(40), ENCRYPTION_KEY: KEY_32 }));
    const env = parseEnv({ APP_ENV: "development", DATA_DIR: dir });
    expect(env).toMatchObject({ AUTH_SECRET: "a".repeat(40), ENCRYPTION_KEY: KEY_32 });
    expect(Buffer.from(env.AUDIT_SIGNING_KEY, "base64")).toHaveLength(32);
    expect(JSON.parse(fs.readFileSync(secretsFile(dir), "utf8")).AUDIT_SIGNING_KEY).toBe(env.AUDIT_SIGNING_KEY);
  });

  it("gives each data folder its own secrets", () => {
    const a = parseEnv({ APP_ENV: "development", DATA_DIR: tempDir() });
    const b = parseEnv({ APP_ENV: "development", DATA_DIR: tempDir() });
    expect(a.AUTH_SECRET).not.toBe(b.AUTH_SECRET);
    expect(a.ENCRYPTION_KEY).not.toBe(b.ENCRYPTION_KEY);
  });

  it("does not need the production secrets", () => {
    expect(() => parseEnv({ APP_ENV: "development", DATA_DIR: tempDir() })).not.toThrow();
  });
});

describe("an https APP_URL in production", () => {
  it("is required, so the session cookie is always Secure", () => {
    const error = configErrorFor({ ...PRODUCTION, APP_URL: "http://tessera.example" });
    expect(error.message).toMatch(/APP_URL must be an https:\/\/ address in production/);
    expect(error.message).toMatch(/Secure/);
    expect(error.message).toContain("ALLOW_INSECURE_HTTP=true");
  });

  it("may be waived only by ALLOW_INSECURE_HTTP=true", () => {
    const env = parseEnv({ ...PRODUCTION, APP_URL: "http://tessera.lan", ALLOW_INSECURE_HTTP: "true" });
    expect(env).toMatchObject({ APP_URL: "http://tessera.lan", ALLOW_INSECURE_HTTP: true });
    expect(() => parseEnv({ ...PRODUCTION, APP_URL: "http://tessera.lan", ALLOW_INSECURE_HTTP: "false" })).toThrow(ConfigError);
    expect(configErrorFor({ ...PRODUCTION, ALLOW_INSECURE_HTTP: "yes" }).message).toContain("ALLOW_INSECURE_HTTP");
  });

  it("is not needed in development", () => {
    expect(parseEnv({ APP_ENV: "development", DATA_DIR: tempDir(), APP_URL: "http://localhost:3000" }).ALLOW_INSECURE_HTTP).toBe(false);
  });
});

describe("HOST", () => {
  it("defaults to 127.0.0.1 in development and tests, and to every interface in production", () => {
    expect(parseEnv({ APP_ENV: "development", DATA_DIR: tempDir() }).HOST).toBe("127.0.0.1");
    expect(parseEnv({ APP_ENV: "test" }).HOST).toBe("127.0.0.1");
    expect(parseEnv({ ...PRODUCTION }).HOST).toBe("0.0.0.0");
  });

  it("is what HOST says in any mode", () => {
    expect(parseEnv({ APP_ENV: "development", DATA_DIR: tempDir(), HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
    expect(parseEnv({ ...PRODUCTION, HOST: "::" }).HOST).toBe("::");
    expect(parseEnv({ ...PRODUCTION, HOST: "" }).HOST).toBe("0.0.0.0");
  });

  it.each(["0.0.0.0 --inspect", "host/x"])("rejects HOST=%j", (value) => {
    expect(configErrorFor({ ...PRODUCTION, HOST: value }).message).toContain("HOST");
  });
});

describe("APP_URL", () => {
  it("defaults to http://localhost:PORT", () => {
    expect(parseEnv({ APP_ENV: "test" }).APP_URL).toBe("http://localhost:3000");
    expect(parseEnv({ APP_ENV: "test", PORT: "4100" }).APP_URL).toBe("http://localhost:4100");
  });

  it("drops a trailing slash", () => {
    expect(parseEnv({ ...PRODUCTION, APP_URL: "https://tessera.example/" }).APP_URL).toBe("https://tessera.example");
  });
});

describe("session lifetimes by assurance (NIST SP 800-63B-4 §2.2.3)", () => {
  it("default to 1 hour idle and 24 hours overall for a session verified with a second factor", () => {
    expect(parseEnv({ ...PRODUCTION })).toMatchObject({ SESSION_IDLE_MINUTES: 60, SESSION_MAX_HOURS: 24 });
  });

  it("are configurable", () => {
    expect(parseEnv({ ...PRODUCTION, SESSION_IDLE_MINUTES: "30", SESSION_MAX_HOURS: "12" })).toMatchObject({ SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 12 });
    expect(parseEnv({ ...PRODUCTION, SESSION_IDLE_MINUTES: "10", SESSION_MAX_HOURS: "720" })).toMatchObject({ SESSION_IDLE_MINUTES: 10, SESSION_MAX_HOURS: 720 });
  });

  it.each([
    ["SESSION_IDLE_MINUTES", "9"],
    ["SESSION_IDLE_MINUTES", "1441"],
    ["SESSION_IDLE_MINUTES", "an hour"],
    ["SESSION_MAX_HOURS", "0"],
    ["SESSION_MAX_HOURS", "721"],
    ["SESSION_MAX_HOURS", "1.5"],
  ])("rejects %s=%j, naming it", (name, value) => {
    expect(configErrorFor({ ...PRODUCTION, [name]: value }).message).toContain(name);
  });

  it("refuses an idle limit longer than the whole session", () => {
    const error = configErrorFor({ ...PRODUCTION, SESSION_IDLE_MINUTES: "120", SESSION_MAX_HOURS: "1" });
    expect(error.message).toMatch(/SESSION_IDLE_MINUTES: must not be longer than SESSION_MAX_HOURS/);
  });
});
