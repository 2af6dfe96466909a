import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { verifyAuditBundle } from "@/lib/audit/bundle-verify";
import { recordAudit } from "@/lib/audit/record";
import { createUser, enrolTotp } from "@/test/factories";
import { fakeRequest as request, resetFakeRequest, signInAs as signIn } from "@/test/request-session";
import { GET } from "./route";

vi.mock("next/headers", () => import("@/test/request-session").then((module) => module.nextHeaders()));
vi.mock("@/lib/auth/session", () => import("@/test/request-session").then((module) => module.sessionModule()));

beforeEach(resetFakeRequest);

const call = (query = "") => GET(new Request(`http://localhost/api/support/audit/bundle${query}`));

describe("GET /api/support/audit/bundle (Export audit bundle)", { timeout: 60_000 }, () => {
  it("refuses the signed out, non-staff and staff without a second factor; bad filters are a 400", async () => {
    expect((await call()).status).toBe(401);
    const person = await createUser();
    await signIn(person.id);
    expect((await call()).status).toBe(403);
    await db.user.update({ where: { id: person.id }, data: { role: "support" } });
    const refused = await call();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "support_two_factor_required" });
    await enrolTotp(person.id);
    await signIn(person.id);
    expect((await call("?from=yesterday")).status).toBe(400);
    expect((await call("?type=made.up")).status).toBe(400);
  });

  it("streams a bundle of the filter that verifies offline, sealing first, and audits the export", async () => {
    const staff = await createUser();
    await db.user.update({ where: { id: staff.id }, data: { role: "support" } });
    await enrolTotp(staff.id);
    await signIn(staff.id);
    request.acceptLanguage = "ja";
    const subject = await createUser();
    await recordAudit(db, { type: "sudo.granted", actorId: subject.id });
    const response = await call(`?email=${encodeURIComponent(subject.email)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="tessera-audit-bundle-.*\.jsonl"/);
    const text = await response.text();
    const result = await verifyAuditBundle(text.split("\n"));
    expect(result).toMatchObject({ ok: true, events: 1 });
    const exported = await db.auditEvent.findFirstOrThrow({ where: { type: "audit.bundle_exported", actorId: staff.id } });
    expect(exported.metadata).toEqual({ filter: { email: subject.email } });
  });
});
