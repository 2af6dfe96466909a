import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { decideSupportCaseAction } from "@/lib/actions/support/cases";
import type { Role } from "@/lib/db/generated/enums";
import { testBackend } from "@/test/db";
import { context, createUser, enrolTotp } from "@/test/factories";
import { resetFakeRequest, signInAs } from "@/test/request-session";
import { openSupportCase } from "./cases";
import { decideSupportCase } from "./cases-decide";
import { findSupportCase } from "./cases-detail";
import { countOpenCases, listSupportCases } from "./cases-list";
import { caseListFilterSchema } from "./cases-schema";

vi.mock("next/headers", () => import("@/test/request-session").then((module) => module.nextHeaders()));
vi.mock("@/lib/auth/session", () => import("@/test/request-session").then((module) => module.sessionModule()));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

beforeEach(resetFakeRequest);

const MESSAGE = "I lost my phone with the authenticator app and my printed recovery codes in a move.";

/** Staff with an authenticator (the console needs one). Enrolling hashes 16 codes, so each role is made once. */
const staff = new Map<string, Promise<{ id: string; email: string }>>();
function staffMember(role: Role, key: string = role) {
  if (!staff.has(key)) {
    staff.set(
      key,
      (async () => {
        const user = await createUser();
        await enrolTotp(user.id);
        return db.user.update({ where: { id: user.id }, data: { role }, select: { id: true, email: true } });
      })(),
    );
  }
  return staff.get(key)!;
}

async function openCase(options: { locale?: "ja" | "de"; kind?: "recovery_request" | "not_me_report"; contactEmail?: string; at?: Date } = {}) {
  const person = await createUser();
  if (options.locale) await db.user.update({ where: { id: person.id }, data: { locale: options.locale } });
  const contactEmail = options.contactEmail ?? `contact-${person.id.slice(0, 8)}@example.test`;
  const { id } = await db.$transaction((tx) =>
    openSupportCase(tx, { kind: options.kind ?? "recovery_request", userId: person.id, contactEmail, message: MESSAGE, context, at: options.at }),
  );
  return { person, caseId: id, contactEmail };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe("handling a support case", { timeout: 180_000 }, () => {
  it("approves with a note: the case, its event and the email to the contact address in the person's language", async () => {
    const admin = await staffMember("support_admin");
    const { person, caseId, contactEmail } = await openCase({ locale: "ja" });

    const result = await decideSupportCase(admin.id, { caseId, decision: "approved", note: "Confirmed by video call.\nExpect a code." }, context);

    expect(result).toEqual({ outcome: "decided", state: "approved" });
    expect(await db.supportCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ state: "approved", handledById: admin.id, decisionNote: "Confirmed by video call.\nExpect a code." });
    const [event] = await db.auditEvent.findMany({ where: { type: "support_case.approved", subjectId: person.id } });
    expect(event).toMatchObject({ actorId: admin.id, metadata: { caseId, kind: "recovery_request", note: "Confirmed by video call.\nExpect a code." } });
    const [email] = await db.outboxMessage.findMany({ where: { to: contactEmail } });
    expect(email!.subject).toBe("アカウント復旧の依頼が承認されました");
    expect(email!.text).toContain("一時アクセスコード");
    expect(email!.text).toContain("Confirmed by video call.");
  });

  it("refuses with a note, worded for the kind of case", async () => {
    const admin = await staffMember("support_admin");
    const { caseId, contactEmail } = await openCase({ kind: "not_me_report", locale: "de" });

    expect(await decideSupportCase(admin.id, { caseId, decision: "refused", note: "The sign-in came from your own laptop." }, context)).toEqual({ outcome: "decided", state: "refused" });
    expect(await db.auditEvent.count({ where: { type: "support_case.refused", metadata: { path: ["caseId"], equals: caseId } } })).toBe(1);
    const [email] = await db.outboxMessage.findMany({ where: { to: contactEmail } });
    expect(email!.subject).toBe("Der Support hat Ihre Meldung geprüft");
    expect(email!.text).toContain("nichts weiter zu tun");
  });

  it("is for support admins only, never on their own case; support staff and everyone else change nothing", async () => {
    const support = await staffMember("support");
    const outsider = await createUser();
    const admin = await staffMember("support_admin");
    const unenrolledAdmin = await db.user.update({ where: { id: (await createUser()).id }, data: { role: "support_admin" } });
    const { caseId } = await openCase();
    const input = { caseId, decision: "approved" as const, note: "Looks fine." };

    await expect(decideSupportCase(support.id, input, context)).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideSupportCase(outsider.id, input, context)).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideSupportCase(unenrolledAdmin.id, input, context)).rejects.toMatchObject({ code: "support_two_factor_required" });
    const own = await db.$transaction((tx) => openSupportCase(tx, { kind: "recovery_request", userId: admin.id, contactEmail: admin.email, message: MESSAGE, context }));
    await expect(decideSupportCase(admin.id, { ...input, caseId: own.id }, context)).rejects.toMatchObject({ code: "forbidden" });

    // The action's guard says the same before the schema is read.
    await signInAs(support.id);
    expect(await decideSupportCaseAction(form({ caseId, decision: "approved", note: "Looks fine." }))).toMatchObject({ code: "forbidden" });

    expect(await db.supportCase.count({ where: { id: { in: [caseId, own.id] }, state: { not: "open" } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { type: { in: ["support_case.approved", "support_case.refused"] }, metadata: { path: ["caseId"], equals: caseId } } })).toBe(0);
  });

  it("refuses a missing note or decision and an unknown case, changing nothing", async () => {
    const admin = await staffMember("support_admin");
    const { caseId } = await openCase();
    await signInAs(admin.id, { factor: true });

    expect((await decideSupportCaseAction(form({ caseId, decision: "approved", note: "   " }))).fieldErrors?.note?.[0]?.key).toBe("validation.enterCaseNote");
    expect((await decideSupportCaseAction(form({ caseId, decision: "maybe", note: "ok" }))).fieldErrors?.decision?.[0]?.key).toBe("validation.chooseCaseDecision");
    expect((await decideSupportCaseAction(form({ caseId, decision: "approved", note: "x".repeat(2001) }))).fieldErrors?.note?.[0]?.key).toBe("validation.caseNoteTooLong");
    expect(await decideSupportCaseAction(form({ caseId: "00000000-0000-4000-8000-000000000000", decision: "approved", note: "ok" }))).toMatchObject({ code: "not_found" });
    expect((await db.supportCase.findUniqueOrThrow({ where: { id: caseId } })).state).toBe("open");
  });

  it(`lets exactly one of two admins decide when they ${testBackend() === "postgres" ? "race" : "queue (PGlite)"}; the other is told it was handled`, async () => {
    const first = await staffMember("support_admin");
    const second = await staffMember("support_admin", "second admin");
    const { caseId, contactEmail } = await openCase();

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        decideSupportCase(index % 2 ? first.id : second.id, { caseId, decision: index % 2 ? "approved" : "refused", note: `Decision ${index}` }, context),
      ),
    );

    const winners = results.filter((result) => result.outcome === "decided");
    expect(winners).toHaveLength(1);
    const stored = await db.supportCase.findUniqueOrThrow({ where: { id: caseId } });
    expect(stored.state).toBe(winners[0]!.state);
    for (const loser of results.filter((result) => result.outcome === "already_handled")) {
      expect(loser).toMatchObject({ state: stored.state, handledAt: stored.handledAt, handledByEmail: expect.any(String) });
    }
    expect(await db.auditEvent.count({ where: { type: { in: ["support_case.approved", "support_case.refused"] }, metadata: { path: ["caseId"], equals: caseId } } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { to: contactEmail } })).toBe(1);
  });
});

describe("reading cases in the console", { timeout: 180_000 }, () => {
  it("lists newest first by keyset, filtered by state and kind, for support staff only", async () => {
    const support = await staffMember("support");
    const admin = await staffMember("support_admin");
    const t0 = new Date("2031-05-01T10:00:00Z");
    // Same filing time for two of them: the id breaks the tie, and no case is skipped or repeated.
    const opened = [];
    for (const [index, at] of [t0, t0, new Date(t0.getTime() + 1_000), new Date(t0.getTime() + 2_000), new Date(t0.getTime() + 3_000)].entries()) {
      opened.push(await openCase({ at, kind: index === 4 ? "not_me_report" : "recovery_request" }));
    }
    await decideSupportCase(admin.id, { caseId: opened[3]!.caseId, decision: "refused", note: "No." }, context);
    const ours = new Set(opened.map((entry) => entry.caseId));

    const all = caseListFilterSchema.parse({ state: "all" });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSupportCases(support.id, { ...all, cursor }, 2);
      seen.push(...page.cases.map((row) => row.id).filter((id) => ours.has(id)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = [...opened].reverse().map((entry) => entry.caseId);
    // The two filed at t0 come in id order (descending).
    const [a, b] = [opened[0]!.caseId, opened[1]!.caseId].sort().reverse();
    expect(seen).toEqual([...expected.slice(0, 3), a, b]);

    const openOnly = (await listSupportCases(support.id, caseListFilterSchema.parse({}))).cases.filter((row) => ours.has(row.id));
    expect(openOnly.map((row) => row.id)).not.toContain(opened[3]!.caseId);
    const reports = (await listSupportCases(support.id, caseListFilterSchema.parse({ state: "all", kind: "not_me_report" }))).cases.filter((row) => ours.has(row.id));
    expect(reports.map((row) => row.id)).toEqual([opened[4]!.caseId]);
    expect(caseListFilterSchema.parse({ state: "nonsense", kind: 7, cursor: "x".repeat(500) })).toEqual({ state: "open", kind: "all", cursor: undefined });
    expect(await countOpenCases(support.id)).toBeGreaterThanOrEqual(4);

    const outsider = await createUser();
    await expect(listSupportCases(outsider.id, all)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("shows a case with its person's 2FA now and its audit trail", async () => {
    const support = await staffMember("support");
    const admin = await staffMember("support_admin");
    const { person, caseId } = await openCase();
    await enrolTotp(person.id);
    await decideSupportCase(admin.id, { caseId, decision: "approved", note: "Verified." }, context);
    // Another case of the same person: not in this one's trail.
    await openCase();

    const found = await findSupportCase(support.id, caseId);
    expect(found).toMatchObject({ id: caseId, state: "approved", user: { id: person.id }, handledBy: { id: admin.id }, twoFactor: { state: "enabled", recoveryRemaining: 16 } });
    expect(found!.trail.map((event) => event.type)).toEqual(["support_case.opened", "support_case.approved"]);
    expect(found!.trail[1]).toMatchObject({ actorEmail: admin.email });
    expect(await findSupportCase(support.id, "not-a-uuid")).toBeNull();
  });
});
