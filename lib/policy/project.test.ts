import { describe, expect, it } from "vitest";
import type { FactorType, GraceScope } from "@/lib/db/generated/enums";
import { TWO_FACTOR_LEVELS, type TwoFactorLevel } from "./levels";
import {
  complianceOf,
  factorCounts,
  graceCovers,
  hasCompliantFactor,
  hasProjectRole,
  projectVerdict,
  tightens,
  trustedComputerMethod,
  type AccessVerdict,
  type MemberFacts,
  type ProjectPolicy,
  type SessionProof,
} from "./project";

const NOW = new Date(Date.UTC(2026, 10, 27, 12));
const DAY = 86_400_000;
const later = new Date(NOW.getTime() + 3 * DAY);
const earlier = new Date(NOW.getTime() - DAY);

const policy = (requiredLevel: TwoFactorLevel, extra: Partial<ProjectPolicy> = {}): ProjectPolicy => ({ requiredLevel, secureMethodsOnly: false, graceEndsAt: null, graceScope: "everyone", ...extra });
const member = (factorTypes: FactorType[], extra: Partial<MemberFacts> = {}): MemberFacts => ({ level: "disabled", factorTypes, exemptUntil: null, ...extra });
const passed = (factorMethod: string | null): SessionProof => ({ factorVerifiedAt: factorMethod ? earlier : null, factorMethod });

describe("the verdict of one access to a project", () => {
  // One row per rule, read as the issue says it.
  const rows: [string, ProjectPolicy, MemberFacts, SessionProof, AccessVerdict][] = [
    ["nothing required: anyone in, even without a factor", policy("disabled"), member([]), passed(null), { kind: "allowed" }],
    ["nothing required, secure only set: still nothing required", policy("disabled", { secureMethodsOnly: true }), member(["sms"]), passed(null), { kind: "allowed" }],
    ["required, no factor: enrol", policy("once_per_computer"), member([]), passed(null), { kind: "enrol" }],
    ["required, no factor, in grace: allowed with the deadline", policy("every_login", { graceEndsAt: later }), member([]), passed(null), { kind: "allowed", graceEndsAt: later }],
    ["grace that ended: enrol", policy("every_login", { graceEndsAt: earlier }), member([]), passed(null), { kind: "enrol" }],
    ["grace ending this instant is over", policy("every_login", { graceEndsAt: NOW }), member([]), passed(null), { kind: "enrol" }],
    ["an exception: allowed until it ends", policy("every_login"), member([], { exemptUntil: later }), passed(null), { kind: "allowed", exemptUntil: later }],
    ["an exception that ended: enrol", policy("every_login"), member([], { exemptUntil: earlier }), passed(null), { kind: "enrol" }],
    ["an exception ending this instant is over", policy("every_login"), member(["totp"], { exemptUntil: NOW }), passed(null), { kind: "verify" }],
    ["an exception also spares the session's check", policy("every_login", { secureMethodsOnly: true }), member(["sms"], { exemptUntil: later }), passed("sms"), { kind: "allowed", exemptUntil: later }],
    ["Every login: the app passed in this session", policy("every_login"), member(["totp"]), passed("totp"), { kind: "allowed" }],
    ["Every login: a key passed in this session", policy("every_login"), member(["webauthn"]), passed("webauthn"), { kind: "allowed" }],
    ["Every login: a recovery code passed in this session", policy("every_login"), member(["totp"]), passed("recovery_code"), { kind: "allowed" }],
    ["Every login: a text passed in this session", policy("every_login"), member(["sms"]), passed("sms"), { kind: "allowed" }],
    ["Every login: a trusted computer is not enough", policy("every_login"), member(["totp"]), passed("trusted_computer"), { kind: "verify" }],
    ["Every login: nothing passed in this session", policy("every_login"), member(["totp"]), passed(null), { kind: "verify" }],
    ["email login verification never counts (Every login)", policy("every_login"), member(["totp"]), passed("email_code"), { kind: "verify" }],
    ["email login verification never counts (Once per computer)", policy("once_per_computer"), member(["totp"]), passed("email_code"), { kind: "verify" }],
    ["a password never counts", policy("once_per_computer"), member(["totp"]), passed("password"), { kind: "verify" }],
    ["Once per computer: a trusted computer is enough", policy("once_per_computer"), member(["totp"]), passed("trusted_computer"), { kind: "allowed" }],
    ["Once per computer, member at Every login: the stricter applies", policy("once_per_computer"), member(["totp"], { level: "every_login" }), passed("trusted_computer"), { kind: "verify" }],
    ["Disabled member in an Every login project: the project's level", policy("every_login"), member(["totp"], { level: "disabled" }), passed("trusted_computer"), { kind: "verify" }],
    ["secure only, phones only: enrol (a phone does not count)", policy("once_per_computer", { secureMethodsOnly: true }), member(["sms", "voice"]), passed("sms"), { kind: "enrol" }],
    ["secure only, phones only, in grace: allowed with the deadline", policy("once_per_computer", { secureMethodsOnly: true, graceEndsAt: later }), member(["sms"]), passed("sms"), { kind: "allowed", graceEndsAt: later }],
    ["a phone-only grace covers a member whose phone stopped counting", policy("every_login", { secureMethodsOnly: true, graceEndsAt: later, graceScope: "phone_only" }), member(["sms"]), passed("sms"), { kind: "allowed", graceEndsAt: later }],
    ["a phone-only grace does not cover a member with no method at all: enrol", policy("every_login", { secureMethodsOnly: true, graceEndsAt: later, graceScope: "phone_only" }), member([]), passed(null), { kind: "enrol" }],
    ["a phone-only grace kept after secure only went off still leaves a member with nothing at enrolment", policy("every_login", { graceEndsAt: later, graceScope: "phone_only" }), member([]), passed(null), { kind: "enrol" }],
    ["secure only, app and phone, passed by phone: verify with the app", policy("every_login", { secureMethodsOnly: true }), member(["sms", "totp"]), passed("sms"), { kind: "verify" }],
    ["secure only, passed by voice: verify", policy("once_per_computer", { secureMethodsOnly: true }), member(["voice", "webauthn"]), passed("voice"), { kind: "verify" }],
    ["secure only, passed with the app", policy("every_login", { secureMethodsOnly: true }), member(["sms", "totp"]), passed("totp"), { kind: "allowed" }],
    ["secure only, a recovery code counts (the same enrolment's fallback)", policy("every_login", { secureMethodsOnly: true }), member(["totp"]), passed("recovery_code"), { kind: "allowed" }],
    ["secure only, Once per computer: a trust the app or a key earned counts", policy("once_per_computer", { secureMethodsOnly: true }), member(["webauthn"]), passed("trusted_computer"), { kind: "allowed" }],
    ["secure only, Once per computer: a trust a text earned does not: verify", policy("once_per_computer", { secureMethodsOnly: true }), member(["sms", "totp"]), passed("trusted_computer_phone"), { kind: "verify" }],
    ["Once per computer: a trust a text earned is enough without secure only", policy("once_per_computer"), member(["sms"]), passed("trusted_computer_phone"), { kind: "allowed" }],
    ["Every login: a trust a text earned is not enough", policy("every_login"), member(["sms"]), passed("trusted_computer_phone"), { kind: "verify" }],
    ["a method without a time is no proof", policy("every_login"), member(["totp"]), { factorVerifiedAt: null, factorMethod: "totp" }, { kind: "verify" }],
  ];
  it.each(rows)("%s", (_name, project, facts, session, verdict) => {
    expect(projectVerdict(project, facts, session, NOW)).toEqual(verdict);
  });

  // The whole table: levels × the member's level × factors × how the session passed × secure
  // only × grace and whom it covers × exception, against the rules written out a second way.
  const FACTOR_SETS: FactorType[][] = [[], ["sms"], ["voice"], ["sms", "voice"], ["totp"], ["webauthn"], ["sms", "totp"], ["voice", "webauthn"]];
  const SESSION_METHODS = [null, "email_code", "password", "totp", "webauthn", "sms", "voice", "recovery_code", "trusted_computer", "trusted_computer_phone"];
  const GRACE_SCOPES: GraceScope[] = ["everyone", "phone_only"];
  const DATES = [null, earlier, NOW, later];
  const REAL = new Set(["totp", "webauthn", "sms", "voice", "recovery_code"]);
  const PHONES = new Set(["sms", "voice"]);
  const rank = (level: TwoFactorLevel) => TWO_FACTOR_LEVELS.indexOf(level);

  /** A running grace covers everyone without a method that counts, or (phone_only) those of them who have a phone. */
  const graceFor = (project: ProjectPolicy, facts: MemberFacts) =>
    !!project.graceEndsAt && project.graceEndsAt > NOW && (project.graceScope === "everyone" || facts.factorTypes.some((type) => PHONES.has(type)));

  function expected(project: ProjectPolicy, facts: MemberFacts, method: string | null): AccessVerdict["kind"] {
    if (project.requiredLevel === "disabled") return "allowed";
    if (facts.exemptUntil && facts.exemptUntil > NOW) return "allowed";
    const counting = facts.factorTypes.filter((type) => !(project.secureMethodsOnly && PHONES.has(type)));
    if (counting.length === 0) return graceFor(project, facts) ? "allowed" : "enrol";
    // A trust a phone earned is a phone's proof.
    const byPhone = method !== null && (PHONES.has(method) || method === "trusted_computer_phone");
    if (method === null || (project.secureMethodsOnly && byPhone)) return "verify";
    const effective = rank(facts.level) > rank(project.requiredLevel) ? facts.level : project.requiredLevel;
    if (REAL.has(method)) return "allowed";
    return method.startsWith("trusted_computer") && effective === "once_per_computer" ? "allowed" : "verify";
  }

  it("matches the rules in every combination", () => {
    let cases = 0;
    for (const requiredLevel of TWO_FACTOR_LEVELS)
      for (const level of TWO_FACTOR_LEVELS)
        for (const factorTypes of FACTOR_SETS)
          for (const method of SESSION_METHODS)
            for (const secureMethodsOnly of [false, true])
              for (const graceEndsAt of DATES)
                for (const graceScope of GRACE_SCOPES)
                  for (const exemptUntil of DATES) {
                    const project = policy(requiredLevel, { secureMethodsOnly, graceEndsAt, graceScope });
                    const facts = member(factorTypes, { level, exemptUntil });
                    const verdict = projectVerdict(project, facts, passed(method), NOW);
                    const context = JSON.stringify({ requiredLevel, level, factorTypes, method, secureMethodsOnly, graceEndsAt, graceScope, exemptUntil });
                    expect(verdict.kind, context).toBe(expected(project, facts, method));
                    // The banner's deadline and the exception's end come only with an allowed verdict that needs them.
                    if (verdict.kind === "allowed" && verdict.graceEndsAt) expect(verdict.graceEndsAt, context).toBe(graceEndsAt);
                    if (verdict.kind === "allowed" && verdict.exemptUntil) expect(verdict.exemptUntil, context).toBe(exemptUntil);
                    // The compliance view, the preview and the emails (complianceOf) say "grace" exactly when the verdict shows the banner.
                    expect(complianceOf(project, facts, NOW) === "grace", context).toBe(verdict.kind === "allowed" && !!verdict.graceEndsAt);
                    cases++;
                  }
    expect(cases).toBe(3 * 3 * FACTOR_SETS.length * SESSION_METHODS.length * 2 * DATES.length * GRACE_SCOPES.length * DATES.length);
  });

  it("never lets email login verification or a password stand in for a factor", () => {
    for (const requiredLevel of ["once_per_computer", "every_login"] as const)
      for (const method of ["email_code", "password"])
        for (const secureMethodsOnly of [false, true]) {
          expect(projectVerdict(policy(requiredLevel, { secureMethodsOnly }), member(["totp", "sms"]), passed(method), NOW).kind).toBe("verify");
        }
  });
});

describe("methods and compliance", () => {
  it("phones do not count with secure methods only; the app and keys always count", () => {
    expect(factorCounts({ secureMethodsOnly: true }, "sms")).toBe(false);
    expect(factorCounts({ secureMethodsOnly: true }, "voice")).toBe(false);
    expect(factorCounts({ secureMethodsOnly: true }, "totp")).toBe(true);
    expect(factorCounts({ secureMethodsOnly: true }, "webauthn")).toBe(true);
    for (const type of ["sms", "voice", "totp", "webauthn"] as const) expect(factorCounts({ secureMethodsOnly: false }, type)).toBe(true);
    expect(hasCompliantFactor({ secureMethodsOnly: true }, ["sms", "voice"])).toBe(false);
    expect(hasCompliantFactor({ secureMethodsOnly: true }, ["sms", "webauthn"])).toBe(true);
    expect(hasCompliantFactor({ secureMethodsOnly: false }, [])).toBe(false);
  });

  it("compliance looks at what is set up, never at a session", () => {
    expect(complianceOf(policy("disabled"), member([]), NOW)).toBe("compliant");
    expect(complianceOf(policy("every_login"), member(["totp"]), NOW)).toBe("compliant");
    expect(complianceOf(policy("every_login", { secureMethodsOnly: true }), member(["sms"]), NOW)).toBe("not_compliant");
    expect(complianceOf(policy("every_login", { secureMethodsOnly: true, graceEndsAt: later }), member(["sms"]), NOW)).toBe("grace");
    expect(complianceOf(policy("every_login", { graceEndsAt: later }), member([], { exemptUntil: later }), NOW)).toBe("exempt");
    expect(complianceOf(policy("every_login"), member([], { exemptUntil: earlier }), NOW)).toBe("not_compliant");
  });

  it("a grace period covers everyone, or only members who have a method (a phone) that stopped counting", () => {
    const phoneOnly = policy("every_login", { secureMethodsOnly: true, graceEndsAt: later, graceScope: "phone_only" });
    expect(graceCovers(phoneOnly, member(["sms"]), NOW)).toBe(true);
    expect(graceCovers(phoneOnly, member([]), NOW)).toBe(false);
    expect(graceCovers({ ...phoneOnly, graceScope: "everyone" }, member([]), NOW)).toBe(true);
    expect(graceCovers({ ...phoneOnly, graceEndsAt: earlier }, member(["sms"]), NOW)).toBe(false);
    expect(complianceOf(phoneOnly, member(["voice"]), NOW)).toBe("grace");
    expect(complianceOf(phoneOnly, member([]), NOW)).toBe("not_compliant");
  });

  it("a trusted computer's sign-in says whether an app or a key earned it; a phone or an unknown method is not secure", () => {
    expect(trustedComputerMethod("totp")).toBe("trusted_computer");
    expect(trustedComputerMethod("webauthn")).toBe("trusted_computer");
    expect(trustedComputerMethod("sms")).toBe("trusted_computer_phone");
    expect(trustedComputerMethod("voice")).toBe("trusted_computer_phone");
    expect(trustedComputerMethod(null)).toBe("trusted_computer_phone");
  });

  it("roles rank member < admin < owner", () => {
    const roles = ["member", "admin", "owner"] as const;
    for (const [i, role] of roles.entries()) for (const [j, atLeast] of roles.entries()) expect(hasProjectRole(role, atLeast)).toBe(i >= j);
  });

  it("tightening: a stricter level, turning on secure only, a shorter grace", () => {
    const base = { ...policy("once_per_computer"), graceDays: 7 };
    expect(tightens(base, { ...base, requiredLevel: "every_login" })).toBe(true);
    expect(tightens(base, { ...base, requiredLevel: "disabled" })).toBe(false);
    expect(tightens(base, { ...base, secureMethodsOnly: true })).toBe(true);
    expect(tightens({ ...base, secureMethodsOnly: true }, base)).toBe(false);
    expect(tightens(base, { ...base, graceDays: 3 })).toBe(true);
    expect(tightens(base, { ...base, graceDays: 14 })).toBe(false);
    // Nothing required afterwards blocks nobody, whatever else changes.
    expect(tightens(base, { ...base, requiredLevel: "disabled", secureMethodsOnly: true, graceDays: 0 })).toBe(false);
  });
});
