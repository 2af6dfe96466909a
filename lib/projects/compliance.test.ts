import crypto from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { db, getDb, setDb } from "@/lib/db";
import { PrismaClient, type Prisma } from "@/lib/db/generated/client";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { twoFactorExpiryMs } from "@/lib/policy";
import { testBackend } from "@/test/db";
import { context, createUser, enrolTotp, STEP_MS } from "@/test/factories";
import { enrolPhone } from "@/test/phone";
import { enrolSecurityKey } from "@/test/webauthn-authenticator";
import { complianceRow, countCompliance, loadComplianceTable, maskedHint, summariseMethods, type MemberRow } from "./compliance";
import { complianceCsv, complianceJson, csvCell } from "./compliance-export";
import { createProject } from "./projects";

const T0 = new Date(Math.floor(Date.UTC(2026, 10, 27, 9) / STEP_MS) * STEP_MS + 5_000);
const DAY = 86_400_000;
const at = (ms: number) => new Date(T0.getTime() + ms);
const REQUIRED = { requiredLevel: "every_login", secureMethodsOnly: false, graceEndsAt: null, graceScope: "everyone" } as const;

async function projectWith(ownerId: string, policy: Partial<{ requiredLevel: "disabled" | "once_per_computer" | "every_login"; secureMethodsOnly: boolean; graceEndsAt: Date | null }> = REQUIRED) {
  const project = await createProject({ userId: ownerId, sessionId: "none" }, `Project ${crypto.randomBytes(3).toString("hex")}`, context);
  return db.project.update({ where: { id: project.id }, data: { ...REQUIRED, ...policy } });
}

const join = (projectId: string, userId: string, role: ProjectRole = "member", extra: { exemptUntil?: Date; exemptReason?: string } = {}) =>
  db.projectMember.create({ data: { projectId, userId, role, ...extra } });

/** A member row as the one statement reads it, for the pure rules. */
const row = (factors: MemberRow["user"]["factors"], extra: Partial<MemberRow> & { changedAt?: Date | null } = {}): MemberRow => ({
  role: "member",
  exemptUntil: null,
  exemptReason: null,
  remindedAt: null,
  ...extra,
  user: { id: "u", name: "Ada", email: "ada@example.test", twoFactorLevel: "disabled", twoFactorChangedAt: extra.changedAt === undefined ? T0 : extra.changedAt, factors },
});

describe("one member's row", () => {
  it("says Not enabled, Enabled and Expired the way the security page does (TWO_FACTOR_EXPIRY after the last factor change)", () => {
    const totp = [{ type: "totp" as const, lastUsedAt: null, phoneHint: null }];
    expect(complianceRow(REQUIRED, row([]), T0).twoFactor).toBe("not_enabled");
    expect(complianceRow(REQUIRED, row(totp), at(twoFactorExpiryMs())).twoFactor).toBe("enabled");
    expect(complianceRow(REQUIRED, row(totp), at(twoFactorExpiryMs() + 1)).twoFactor).toBe("expired");
    // Expired 2FA still works: the member stays compliant.
    expect(complianceRow(REQUIRED, row(totp), at(twoFactorExpiryMs() + 1)).compliance).toBe("compliant");
  });

  it("lists methods by kind, strongest first, with at most a phone's last two digits, and the latest use as the last verification", () => {
    const factors = [
      { type: "sms" as const, lastUsedAt: at(3 * DAY), phoneHint: "42" },
      { type: "webauthn" as const, lastUsedAt: at(DAY), phoneHint: null },
      { type: "webauthn" as const, lastUsedAt: null, phoneHint: null },
      { type: "voice" as const, lastUsedAt: null, phoneHint: "1234" },
      { type: "totp" as const, lastUsedAt: at(2 * DAY), phoneHint: null },
    ];
    const member = complianceRow(REQUIRED, row(factors), at(4 * DAY));
    expect(member.methods).toEqual([
      { type: "webauthn", count: 2, hints: [] },
      { type: "totp", count: 1, hints: [] },
      { type: "sms", count: 1, hints: ["•• 42"] },
      { type: "voice", count: 1, hints: ["•• 34"] },
    ]);
    expect(member.lastVerifiedAt).toEqual(at(3 * DAY));
    expect(complianceRow(REQUIRED, row([{ type: "totp", lastUsedAt: null, phoneHint: null }]), T0).lastVerifiedAt).toBeNull();
    expect(maskedHint(null)).toBeNull();
    expect(summariseMethods([])).toEqual([]);
  });

  it("decides compliance with the policy's rules: secure methods only, an exception, a grace period", () => {
    const sms = [{ type: "sms" as const, lastUsedAt: null, phoneHint: "42" }];
    expect(complianceRow(REQUIRED, row(sms), T0).compliance).toBe("compliant");
    expect(complianceRow({ ...REQUIRED, secureMethodsOnly: true }, row(sms), T0)).toMatchObject({ compliance: "not_compliant", until: null });
    expect(complianceRow({ ...REQUIRED, requiredLevel: "disabled" }, row([]), T0).compliance).toBe("compliant");

    const exempt = complianceRow(REQUIRED, row([], { exemptUntil: at(DAY), exemptReason: "Phone lost" }), T0);
    expect(exempt).toMatchObject({ compliance: "exempt", until: at(DAY), exemptReason: "Phone lost" });
    expect(complianceRow(REQUIRED, row([], { exemptUntil: at(DAY), exemptReason: "Phone lost" }), at(DAY)).compliance).toBe("not_compliant");

    const grace = complianceRow({ ...REQUIRED, graceEndsAt: at(7 * DAY) }, row([]), T0);
    expect(grace).toMatchObject({ compliance: "grace", until: at(7 * DAY), exemptReason: null });
    expect(countCompliance([exempt, grace, grace])).toEqual({ members: 3, compliant: 0, exempt: 1, grace: 2, not_compliant: 0 });
  });

  it("a grace that only Secure methods only started covers the members with a phone, not those with nothing set up", () => {
    const phonesOnly = { ...REQUIRED, secureMethodsOnly: true, graceEndsAt: at(7 * DAY), graceScope: "phone_only" } as const;
    expect(complianceRow(phonesOnly, row([{ type: "voice", lastUsedAt: null, phoneHint: "42" }]), T0)).toMatchObject({ compliance: "grace", until: at(7 * DAY) });
    expect(complianceRow(phonesOnly, row([]), T0)).toMatchObject({ compliance: "not_compliant", until: null });
  });
});

describe("the compliance table", () => {
  it("shows every member with their real methods and none of their secrets, those who need attention first", async () => {
    const owner = await createUser();
    const keys = await createUser();
    const phoned = await createUser();
    const none = await createUser();
    await enrolTotp(owner.id, T0);
    await enrolSecurityKey(keys.id, T0, { name: "YubiKey one" });
    await enrolSecurityKey(keys.id, T0, { name: "YubiKey two" });
    const { e164 } = await enrolPhone(phoned.id, T0, { number: "+81 90-1234-5642" });
    const project = await projectWith(owner.id, { secureMethodsOnly: true });
    await join(project.id, keys.id, "admin");
    await join(project.id, phoned.id);
    await join(project.id, none.id);

    const table = await loadComplianceTable(project.id, project, at(DAY));

    expect(table.counts).toEqual({ members: 4, compliant: 2, exempt: 0, grace: 0, not_compliant: 2 });
    const byId = new Map(table.rows.map((member) => [member.userId, member]));
    expect(byId.get(owner.id)).toMatchObject({ role: "owner", twoFactor: "enabled", methods: [{ type: "totp", count: 1 }], compliance: "compliant" });
    expect(byId.get(keys.id)).toMatchObject({ role: "admin", methods: [{ type: "webauthn", count: 2, hints: [] }], compliance: "compliant" });
    expect(byId.get(phoned.id)).toMatchObject({ twoFactor: "enabled", methods: [{ type: "sms", count: 1, hints: ["•• 42"] }], compliance: "not_compliant" });
    expect(byId.get(none.id)).toMatchObject({ twoFactor: "not_enabled", methods: [], lastVerifiedAt: null, compliance: "not_compliant" });
    expect(table.rows.slice(0, 2).map((member) => member.compliance)).toEqual(["not_compliant", "not_compliant"]);

    // What leaves the server (the page's rows, the API's JSON and CSV) holds no secret.
    const factors = await db.twoFactorFactor.findMany({ where: { userId: { in: [owner.id, keys.id, phoned.id] } } });
    const secrets = factors.flatMap((factor) => [factor.id, factor.secretEncrypted, factor.phoneEncrypted, factor.credentialId, factor.name]).filter((value): value is string => !!value);
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    const shown = [JSON.stringify(table.rows), JSON.stringify(complianceJson(project, table)), complianceCsv(table, "en")];
    for (const text of shown) {
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text).not.toContain(e164);
      expect(text).not.toContain("5642");
    }
  });

  it("costs one statement for 320 members, with the same answers as row by row", { timeout: 120_000 }, async () => {
    const owner = await createUser();
    const project = await projectWith(owner.id, { graceEndsAt: at(3 * DAY) });
    const people = Array.from({ length: 320 }, (_, index) => ({
      id: crypto.randomUUID(),
      name: `Member ${String(index).padStart(3, "0")}`,
      email: `member-${index}-${crypto.randomBytes(3).toString("hex")}@example.test`,
      passwordHash: "x",
      twoFactorChangedAt: T0,
    }));
    await db.user.createMany({ data: people });
    await db.projectMember.createMany({
      data: people.map((person, index) => ({ projectId: project.id, userId: person.id, ...(index % 10 === 1 ? { exemptUntil: at(DAY), exemptReason: "Travelling" } : {}) })),
    });
    // A third with an app, a third with a key and a phone, a third with nothing.
    await db.twoFactorFactor.createMany({
      data: people.flatMap((person, index): Prisma.TwoFactorFactorCreateManyInput[] =>
        index % 3 === 0
          ? [{ userId: person.id, type: "totp" as const, status: "active" as const, lastUsedAt: at(index * 1000) }]
          : index % 3 === 1
            ? [
                { userId: person.id, type: "webauthn" as const, status: "active" as const },
                { userId: person.id, type: "sms" as const, status: "active" as const, phoneHint: "07" },
              ]
            : [{ userId: person.id, type: "totp" as const, status: "pending" as const }],
      ),
    });

    const statements: string[] = [];
    const table = await withStatements(statements, () => loadComplianceTable(project.id, project, T0));

    expect(statements).toHaveLength(1);
    expect(table.rows).toHaveLength(321);
    const expected = { compliant: 0, exempt: 0, grace: 0, not_compliant: 0 };
    people.forEach((_, index) => {
      if (index % 3 !== 2) expected.compliant += 1;
      else if (index % 10 === 1) expected.exempt += 1;
      else expected.grace += 1;
    });
    expected.grace += 1; // the owner, without a method, in the grace period
    expect(table.counts).toEqual({ members: 321, ...expected });
    const member = table.rows.find((candidate) => candidate.name === "Member 004")!;
    expect(member).toMatchObject({ methods: [{ type: "webauthn", count: 1 }, { type: "sms", count: 1, hints: ["•• 07"] }], compliance: "compliant" });
    expect(table.rows.find((candidate) => candidate.name === "Member 003")?.lastVerifiedAt).toEqual(at(3000));
    expect(table.rows.find((candidate) => candidate.name === "Member 005")).toMatchObject({ twoFactor: "not_enabled", compliance: "grace", until: at(3 * DAY) });
  });
});

describe("the CSV", () => {
  it("defuses formulas in cells a member chose, and quotes as RFC 4180 has it", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe(`"'=HYPERLINK(""http://evil"")"`);
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1+1`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("Ada, Lovelace")).toBe('"Ada, Lovelace"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("2026-11-27T09:00:05.000Z")).toBe("2026-11-27T09:00:05.000Z");
  });

  it("has its headings and words in the caller's language", () => {
    const table = { rows: [complianceRow(REQUIRED, row([{ type: "webauthn", lastUsedAt: null, phoneHint: null }, { type: "webauthn", lastUsedAt: null, phoneHint: null }], { changedAt: T0 }), T0)], counts: countCompliance([]) };
    table.rows[0]!.name = "@SUM(A1)";
    const de = complianceCsv(table, "de");
    expect(de.startsWith("\uFEFFName,E-Mail,Rolle,Zwei-Faktor-Authentifizierung,Methoden")).toBe(true);
    expect(de).toContain("'@SUM(A1),ada@example.test,Mitglied,Aktiviert,Sicherheitsschlüssel ×2,Nie,Konform");
    expect(complianceCsv(table, "ja")).toContain("セキュリティキー ×2");
  });
});

/**
 * Runs `load` against a client that logs every SQL statement it sends. On PostgreSQL that is a
 * client of its own on this file's database (DATABASE_URL, test/setup.ts); PGlite's database
 * lives inside the shared client, so there the count is of Prisma operations
 * (lib/mfa/readiness.test.ts does the same).
 */
async function withStatements<T>(into: string[], load: () => Promise<T>): Promise<T> {
  const original = getDb();
  let recording: PrismaClient;
  if (testBackend() === "postgres") {
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: "event", level: "query" }] });
    client.$on("query", (event) => into.push(event.query));
    recording = client;
  } else {
    recording = original.$extends({
      query: {
        async $allOperations({ args, query, operation, model }) {
          into.push(`${model ?? ""}.${operation}`);
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
  }
  setDb(recording);
  try {
    return await load();
  } finally {
    setDb(original);
    if (testBackend() === "postgres") await recording.$disconnect();
  }
}
