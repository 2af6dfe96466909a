import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { testBackend } from "@/test/db";
import { RECOVERY_CODES_LOW } from "@/lib/policy/limits";
import { createUser, enrolTotp } from "@/test/factories";
import { loadRecoveryReadiness, NEXT_STEP_HREF, rateRecoveryReadiness, type FindingCode, type ReadinessFactor, type ReadinessInput, type ReadinessRating } from "./readiness";

const totp: ReadinessFactor = { type: "totp", fallback: false };
const sms: ReadinessFactor = { type: "sms", fallback: false };
const voice: ReadinessFactor = { type: "voice", fallback: false };
const fallbackSms: ReadinessFactor = { type: "sms", fallback: true };
const key: ReadinessFactor = { type: "webauthn", fallback: false, backedUp: false };
const passkey: ReadinessFactor = { type: "webauthn", fallback: false, backedUp: true };

const rate = (factors: ReadinessFactor[], recoveryCodesLeft: number, emailVerified = true) => rateRecoveryReadiness({ factors, recoveryCodesLeft, emailVerified });
const summary = (factors: ReadinessFactor[], codes: number, emailVerified = true) => {
  const result = rate(factors, codes, emailVerified);
  return [result.rating, result.findings.map((finding) => `${finding.code}:${finding.severity}→${finding.step}`)];
};

describe("rateRecoveryReadiness: what each situation is rated", () => {
  it.each<[string, ReadinessFactor[], number, boolean, ReadinessRating, string[]]>([
    ["an app and a key, a full set of codes", [totp, key], 16, true, "good", []],
    ["two security keys and codes", [key, key], 10, true, "good", []],
    ["an app only, a full set of codes", [totp], 16, true, "fair", ["one_device:warning→add_security_key"]],
    ["an app only, 3 codes left", [totp], 3, true, "poor", ["one_device:critical→add_security_key", "few_recovery_codes:critical→regenerate_recovery_codes"]],
    ["an app only, no codes left", [totp], 0, true, "poor", ["no_recovery_codes:critical→regenerate_recovery_codes", "one_device:critical→add_security_key"]],
    ["an app and a key, no codes left", [totp, key], 0, true, "fair", ["no_recovery_codes:warning→regenerate_recovery_codes"]],
    ["an app and a key, 2 codes left", [totp, key], 2, true, "fair", ["few_recovery_codes:warning→regenerate_recovery_codes"]],
    ["an app and a key, 4 codes left", [totp, key], 4, true, "good", []],
    ["SMS only, codes", [sms], 16, true, "fair", ["one_device:warning→add_fallback_number", "phone_only:warning→add_authenticator_app"]],
    ["SMS only, 1 code", [sms], 1, true, "poor", ["one_device:critical→add_fallback_number", "few_recovery_codes:critical→regenerate_recovery_codes", "phone_only:warning→add_authenticator_app"]],
    ["SMS and voice on one number", [sms, voice], 16, true, "fair", ["one_device:warning→add_fallback_number", "phone_only:warning→add_authenticator_app"]],
    ["SMS with a fallback number", [sms, fallbackSms], 16, true, "fair", ["phone_only:warning→add_authenticator_app"]],
    ["an app and SMS: both on one phone", [totp, sms], 16, true, "fair", ["one_device:warning→add_fallback_number"]],
    ["an app, SMS and a fallback number", [totp, sms, fallbackSms], 16, true, "good", []],
    ["one security key, no codes", [key], 0, true, "poor", ["no_recovery_codes:critical→regenerate_recovery_codes", "one_device:critical→add_second_security_key"]],
    ["a fallback number alone", [fallbackSms], 16, true, "fair", ["one_device:warning→add_security_key", "phone_only:warning→add_authenticator_app"]],
    ["one synced passkey: no single device to lose", [passkey], 16, true, "good", []],
    ["one synced passkey, no codes", [passkey], 0, true, "fair", ["no_recovery_codes:warning→regenerate_recovery_codes"]],
    ["an app and a key, email not verified", [totp, key], 16, false, "fair", ["email_unverified:warning→verify_email"]],
    ["an app only, no codes, email not verified", [totp], 0, false, "poor", ["no_recovery_codes:critical→regenerate_recovery_codes", "one_device:critical→add_security_key", "email_unverified:warning→verify_email"]],
    ["no second factor: the email reset is the way back", [], 0, true, "good", []],
    ["no second factor and no verified email", [], 0, false, "fair", ["email_unverified:warning→verify_email"]],
  ])("%s", (_name, factors, codes, emailVerified, rating, findings) => {
    expect(summary(factors, codes, emailVerified)).toEqual([rating, findings]);
  });

  it(`counts codes as few at ${RECOVERY_CODES_LOW} and below (RECOVERY_CODES_LOW), and says how many`, () => {
    expect(rate([totp, key], RECOVERY_CODES_LOW).findings).toEqual([{ code: "few_recovery_codes", severity: "warning", step: "regenerate_recovery_codes", count: RECOVERY_CODES_LOW }]);
    expect(rate([totp, key], RECOVERY_CODES_LOW + 1).findings).toEqual([]);
  });

  it("has a place for every next step", () => {
    for (const href of Object.values(NEXT_STEP_HREF)) expect(href).toMatch(/^\/(security#[a-z-]+|account)$/);
  });
});

// ── Properties ────────────────────────────────────────────────────────────────────────────

const factorArb: fc.Arbitrary<ReadinessFactor> = fc.oneof(
  fc.record({ type: fc.constant("totp" as const), fallback: fc.constant(false) }),
  fc.record({ type: fc.constantFrom("sms" as const, "voice" as const), fallback: fc.boolean() }),
  fc.record({ type: fc.constant("webauthn" as const), fallback: fc.constant(false), backedUp: fc.option(fc.boolean(), { nil: null }) }),
);
const inputArb: fc.Arbitrary<ReadinessInput> = fc.record({
  factors: fc.array(factorArb, { maxLength: 5 }),
  recoveryCodesLeft: fc.integer({ min: 0, max: 32 }),
  emailVerified: fc.boolean(),
});
const RANK: Record<ReadinessRating, number> = { poor: 0, fair: 1, good: 2 };

/** What doing a step changes: the person's situation after they followed it. */
function follow(input: ReadinessInput, step: keyof typeof NEXT_STEP_HREF): ReadinessInput {
  switch (step) {
    case "regenerate_recovery_codes":
      return { ...input, recoveryCodesLeft: 6 }; // the smallest set RECOVERY_CODE_COUNT allows
    case "add_security_key":
    case "add_second_security_key":
      return { ...input, factors: [...input.factors, key] };
    case "add_fallback_number":
      return { ...input, factors: [...input.factors, fallbackSms] };
    case "add_authenticator_app":
      return { ...input, factors: [...input.factors, totp] };
    case "verify_email":
      return { ...input, emailVerified: true };
  }
}

describe("rateRecoveryReadiness: properties", () => {
  it("is poor exactly when a finding is critical, good exactly when there is none", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { rating, findings } = rateRecoveryReadiness(input);
        expect(rating === "poor").toBe(findings.some((finding) => finding.severity === "critical"));
        expect(rating === "good").toBe(findings.length === 0);
      }),
    );
  });

  it("lists each finding once, critical ones first", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { findings } = rateRecoveryReadiness(input);
        const codes = findings.map((finding) => finding.code);
        expect(new Set(codes).size).toBe(codes.length);
        const firstWarning = findings.findIndex((finding) => finding.severity === "warning");
        if (firstWarning >= 0) expect(findings.slice(firstWarning).every((finding) => finding.severity === "warning")).toBe(true);
      }),
    );
  });

  it("is poor only when one lost device and few codes would lock the person out", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const codes = new Set<FindingCode>(rateRecoveryReadiness(input).findings.map((finding) => finding.code));
        if (rateRecoveryReadiness(input).rating === "poor") {
          expect(codes.has("one_device")).toBe(true);
          expect(input.recoveryCodesLeft).toBeLessThanOrEqual(RECOVERY_CODES_LOW);
        }
      }),
    );
  });

  it("following a finding's next step removes that finding and never makes the rating worse", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const before = rateRecoveryReadiness(input);
        for (const finding of before.findings) {
          const after = rateRecoveryReadiness(follow(input, finding.step));
          expect(after.findings.map((f) => f.code)).not.toContain(finding.code);
          expect(RANK[after.rating]).toBeGreaterThanOrEqual(RANK[before.rating]);
        }
      }),
    );
  });

  it("with two-factor on, more factors, more codes or a verified email never make the rating worse", () => {
    // Turning two-factor on may: the email alone no longer gets the person back in.
    const withFactors = inputArb.filter((input) => input.factors.length > 0);
    fc.assert(
      fc.property(withFactors, factorArb, fc.integer({ min: 0, max: 16 }), (input, extra, moreCodes) => {
        const base = RANK[rateRecoveryReadiness(input).rating];
        expect(RANK[rateRecoveryReadiness({ ...input, factors: [...input.factors, extra] }).rating]).toBeGreaterThanOrEqual(base);
        expect(RANK[rateRecoveryReadiness({ ...input, recoveryCodesLeft: input.recoveryCodesLeft + moreCodes }).rating]).toBeGreaterThanOrEqual(base);
        expect(RANK[rateRecoveryReadiness({ ...input, emailVerified: true }).rating]).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it("does not depend on the order of the factors", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const reversed = { ...input, factors: [...input.factors].reverse() };
        expect(rateRecoveryReadiness(reversed)).toEqual(rateRecoveryReadiness(input));
      }),
    );
  });
});

describe("loadRecoveryReadiness", () => {
  it("reads active factors and unused codes only, in one statement", async () => {
    const user = await createUser();
    await enrolTotp(user.id);
    // A pending enrolment and used codes get nobody in.
    await db.twoFactorFactor.create({ data: { userId: user.id, type: "webauthn", status: "pending", name: "Spare key" } });
    const codes = await db.recoveryCode.findMany({ where: { userId: user.id }, take: 14, select: { id: true } });
    await db.recoveryCode.updateMany({ where: { id: { in: codes.map((code) => code.id) } }, data: { usedAt: new Date() } });

    const statements: string[] = [];
    const loaded = await withStatements(statements, () => loadRecoveryReadiness(user.id));

    expect(loaded?.input).toEqual({ factors: [{ type: "totp", fallback: false, backedUp: null }], recoveryCodesLeft: 2, emailVerified: true });
    expect(loaded?.rating).toBe("poor");
    expect(loaded?.reminderAt).toBeNull();
    expect(statements).toHaveLength(1);
  });

  it("is null for nobody", async () => {
    expect(await loadRecoveryReadiness("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});

/**
 * Runs `load` against a client that logs every SQL statement it sends. On PostgreSQL that is a
 * client of its own on this file's database (DATABASE_URL, test/setup.ts); PGlite's database
 * lives inside the shared client, so there the count is of Prisma operations.
 */
async function withStatements<T>(into: string[], load: () => Promise<T>): Promise<T> {
  const { setDb, getDb } = await import("@/lib/db");
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
    if (recording !== original && testBackend() === "postgres") await recording.$disconnect();
  }
}
