import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { messagesByLocale } from "@/lib/i18n/messages";
import { createUser } from "@/test/factories";
import { AUDIT_EVENTS, AUDIT_TYPES, type AuditType } from "./catalogue";
import { auditInsertSql, recordAudit } from "./record";

const ROOT = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Every string literal shaped like an event type ("group.name") on a `type:` line of a file that
 * writes or reads audit events: the types code writes, however it picks one (a literal, a
 * ternary, a lookup table on the same line).
 */
function auditTypesInSource(): { file: string; type: string }[] {
  const found: { file: string; type: string }[] = [];
  for (const dir of ["lib", "app", "scripts", "prisma"]) {
    for (const file of sourceFiles(path.join(ROOT, dir))) {
      const text = fs.readFileSync(file, "utf8");
      if (!/recordAudit|auditInsertSql|AuditInput|auditEvent\./.test(text)) continue;
      for (const match of text.matchAll(/\btype:([^\n]*)/g)) {
        for (const literal of match[1]!.matchAll(/"([a-z0-9_]+\.[a-z0-9_]+)"/g)) found.push({ file: path.relative(ROOT, file), type: literal[1]! });
      }
    }
  }
  return found;
}

describe("the event catalogue", () => {
  it("every audit type the code writes is defined in the catalogue", () => {
    const written = auditTypesInSource();
    // The scan must see the writes it is meant to check, or it proves nothing.
    expect(written.length).toBeGreaterThan(60);
    expect(written.filter(({ type }) => !AUDIT_TYPES.includes(type as AuditType))).toEqual([]);
  });

  it("no field name looks like a secret, a code, a token or a password", () => {
    // emailHash: the keyed hash of an address typed at a failed sign-in that names no account.
    // facilityCode: the site number printed on a badge (with its card number), not a secret.
    const allowed = new Set(["emailHash", "facilityCode"]);
    const anywhere = new Set(["password", "passwd", "secret", "otp", "cookie", "credential", "credentials", "seed"]);
    const last = new Set(["code", "codes", "token", "tokens", "hash", "pin", "key", "signature"]);
    const suspicious = Object.entries(AUDIT_EVENTS).flatMap(([type, spec]) =>
      (("fields" in spec ? spec.fields : undefined) ?? [])
        .filter((field: string) => {
          const words = field.split(/(?=[A-Z])|_/).map((word) => word.toLowerCase());
          return !allowed.has(field) && (words.some((word) => anywhere.has(word)) || last.has(words.at(-1)!));
        })
        .map((field: string) => `${type}: ${field}`),
    );
    expect(suspicious).toEqual([]);
  });

  // Besides the types: the words of severities and of the log's lists ("severity", "log").
  it("every type has words in en, ja and de, and every word names a type", () => {
    type Tree = { [key: string]: string | Tree };
    const leaves = (tree: Tree, prefix = ""): string[] =>
      Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`)));
    for (const locale of ["en", "ja", "de"] as const) {
      const words = leaves(messagesByLocale[locale].audit as unknown as Tree).filter((key) => !/^(severity|log)\./.test(key));
      expect(AUDIT_TYPES.filter((type) => !words.includes(type)), locale).toEqual([]);
      // auth.sign_in_failed words a failed auth.sign_in (lib/audit/labels.ts).
      expect(words.filter((key) => key !== "auth.sign_in_failed" && !AUDIT_TYPES.includes(key as AuditType)), locale).toEqual([]);
      const severities = messagesByLocale[locale].audit.severity as Record<string, string>;
      expect(Object.keys(severities).sort(), locale).toEqual(["critical", "info", "notice", "warning"]);
    }
  });
});

describe("writing an event", { timeout: 30_000 }, () => {
  it("refuses a type the catalogue does not define, and writes nothing", async () => {
    const user = await createUser();
    await expect(recordAudit(db, { type: "door.opened" as AuditType, actorId: user.id })).rejects.toThrow(/Unknown audit event type "door.opened"/);
    expect(() => auditInsertSql({ type: "door.opened" as AuditType }, new Date(), Prisma.sql`TRUE`)).toThrow(/Unknown audit event type/);
    expect(await db.auditEvent.count({ where: { subjectId: user.id } })).toBe(0);
  });

  it("refuses a metadata field its type does not declare, and writes nothing", async () => {
    const user = await createUser();
    await expect(recordAudit(db, { type: "session.revoked", actorId: user.id, metadata: { sessionId: "s", password: "hunter2" } })).rejects.toThrow(
      /"session.revoked" does not declare the field "password"/,
    );
    await expect(recordAudit(db, { type: "two_factor.disabled", actorId: user.id, metadata: { code: "123456" } })).rejects.toThrow(/field "code"/);
    expect(() => auditInsertSql({ type: "auth.sign_in", metadata: { token: "t" } }, new Date(), Prisma.sql`TRUE`)).toThrow(/field "token"/);
    expect(await db.auditEvent.count({ where: { subjectId: user.id } })).toBe(0);
  });

  it("writes the fields its type declares", async () => {
    const user = await createUser();
    await recordAudit(db, { type: "session.revoked", actorId: user.id, metadata: { sessionId: "s", reason: "sign_out" } });
    expect(await db.auditEvent.findMany({ where: { subjectId: user.id }, select: { type: true, metadata: true } })).toEqual([
      { type: "session.revoked", metadata: { sessionId: "s", reason: "sign_out" } },
    ]);
  });
});
