import crypto from "node:crypto";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { context, createUser, enrolTotp } from "@/test/factories";
import { fakeRequest as request, resetFakeRequest, signInAs as signIn } from "@/test/request-session";
import { ROOT, sourceFiles } from "@/test/source-files";
import { GET } from "@/app/api/projects/[projectId]/compliance/route";
import { defineProjectRoute, isProjectRoute } from "./define-project-route";
import { createProject } from "./projects";

vi.mock("next/headers", () => import("@/test/request-session").then((module) => module.nextHeaders()));
vi.mock("@/lib/auth/session", () => import("@/test/request-session").then((module) => module.sessionModule()));

beforeEach(resetFakeRequest);

async function projectRequiring2fa() {
  const owner = await createUser();
  await enrolTotp(owner.id);
  const created = await createProject({ userId: owner.id, sessionId: "none" }, `Hermes ${crypto.randomBytes(3).toString("hex")}`, context);
  const project = await db.project.update({ where: { id: created.id }, data: { requiredLevel: "every_login" } });
  const add = async (role: ProjectRole, withApp = true) => {
    const user = await createUser();
    if (withApp) await enrolTotp(user.id);
    await db.projectMember.create({ data: { projectId: project.id, userId: user.id, role } });
    return user;
  };
  return { owner, project, add };
}

const call = (projectId: string, query = "") => GET(new Request(`http://localhost/api/projects/${projectId}/compliance${query}`), { params: Promise.resolve({ projectId }) });

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: `urn:tessera:problem:${code}`, status, code });
  expect(typeof body.title).toBe("string");
  expect(typeof body.detail).toBe("string");
  expect(body.instance).toMatch(/^\/api\/projects\/[^/]+\/compliance$/);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|Error:/);
  return body;
}

describe("defineProjectRoute: the pages' enforcement, answered as problem+json", { timeout: 120_000 }, () => {
  it("answers 401 to a signed-out caller and to a sign-in still waiting for its second step, in the browser's language", async () => {
    const { project, owner } = await projectRequiring2fa();
    request.acceptLanguage = "de-DE,de;q=0.9";
    const body = await expectProblem(await call(project.id), 401, "unauthorized");
    expect(body).toMatchObject({ title: "Bitte melden Sie sich an, um fortzufahren.", detail: "Bitte melden Sie sich an, um fortzufahren." });
    expect((await call(project.id)).headers.get("content-language")).toBe("de");

    await signIn(owner.id, { pending: true });
    await expectProblem(await call(project.id), 401, "unauthorized");
  });

  it("answers 404 alike to a stranger, an owner of another project, an unknown id and a malformed one", async () => {
    const { project } = await projectRequiring2fa();
    const other = await projectRequiring2fa();
    const bodies = [];
    for (const [userId, projectId] of [
      [(await createUser()).id, project.id],
      [other.owner.id, project.id],
      [other.owner.id, crypto.randomUUID()],
      [other.owner.id, "not-a-uuid"],
    ] as const) {
      await signIn(userId, { factor: true });
      const { instance, ...body } = await expectProblem(await call(projectId), 404, "not_found");
      expect(instance).toContain(projectId);
      bodies.push(body);
    }
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
  });

  it("answers 403 with the reason's code to a member the policy blocks and to one below the route's role, and audits the blocked access", async () => {
    const { project, add } = await projectRequiring2fa();
    const withoutMethod = await add("admin", false);
    await signIn(withoutMethod.id, { factor: false });
    await expectProblem(await call(project.id), 403, "project_two_factor_required");
    const [blocked] = await db.auditEvent.findMany({ where: { projectId: project.id, type: "project.enforcement_blocked", actorId: withoutMethod.id } });
    expect(blocked).toMatchObject({ outcome: "failure", metadata: { need: "enrol", via: "api" } });

    const notVerified = await add("admin");
    await signIn(notVerified.id, { factor: false });
    await expectProblem(await call(project.id), 403, "project_verification_required");

    const member = await add("member");
    await signIn(member.id, { factor: true });
    await expectProblem(await call(project.id), 403, "forbidden");
  });

  it("speaks the caller's chosen language over the browser's", async () => {
    const { project, add } = await projectRequiring2fa();
    const member = await add("member");
    await db.user.update({ where: { id: member.id }, data: { locale: "ja" } });
    await signIn(member.id, { factor: true });
    request.acceptLanguage = "de";
    const body = await expectProblem(await call(project.id), 403, "forbidden");
    expect(body.detail).toBe("このページへのアクセス権がありません。");
  });

  it("maps a handler's typed refusal to its status and anything else to a 500 without its message", async () => {
    const { project, owner } = await projectRequiring2fa();
    await signIn(owner.id, { factor: true });
    const failing = defineProjectRoute({
      role: "member",
      handler: async () => {
        throw new Error("secret internals");
      },
    });
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await failing(new Request(`http://localhost/api/projects/${project.id}/compliance`), { params: Promise.resolve({ projectId: project.id }) });
    const body = await expectProblem(response, 500, "unexpected");
    expect(JSON.stringify(body)).not.toContain("secret internals");
    spy.mockRestore();
    await expectProblem(await call(project.id, "?format=xml"), 400, "invalid_input");
  });
});

describe("GET /api/projects/<id>/compliance", { timeout: 120_000 }, () => {
  it("gives owners and admins the table as JSON, and as CSV with headings in their language", async () => {
    const { project, owner, add } = await projectRequiring2fa();
    const admin = await add("admin");
    const without = await add("member", false);
    await db.user.update({ where: { id: without.id }, data: { name: "=cmd|' /C calc'!A0" } });

    await signIn(admin.id, { factor: true });
    const response = await call(project.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const json = (await response.json()) as { counts: Record<string, number>; members: { userId: string; compliance: string; methods: unknown[] }[] };
    expect(json.counts).toEqual({ members: 3, compliant: 2, exempt: 0, grace: 0, notCompliant: 1 });
    expect(json.members[0]).toMatchObject({ userId: without.id, compliance: "not_compliant", methods: [] });
    expect(json.members.map((member) => member.userId).sort()).toEqual([owner.id, admin.id, without.id].sort());

    await db.user.update({ where: { id: owner.id }, data: { locale: "ja" } });
    await signIn(owner.id, { factor: true });
    const csv = await call(project.id, "?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toContain("attachment");
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte-order mark first, so spreadsheets read UTF-8 (a decoder drops it from the text).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.split("\r\n")[0]).toBe("名前,メールアドレス,役割,二要素認証,認証方法,最終確認,準拠状況,期限,例外の理由,最終リマインダー");
    expect(text).toContain(`'=cmd|' /C calc'!A0,${without.email},メンバー,未設定,なし,なし,未準拠`);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(4);
  });
});

describe("every route under app/api/projects goes through defineProjectRoute", () => {
  const files = sourceFiles(["app/api"]).filter(({ file }) => /^app\/api\/projects\/.*route\.ts$/.test(file)).map(({ file }) => file);

  it("finds the routes", () => {
    expect(files).toContain("app/api/projects/[projectId]/compliance/route.ts");
  });

  it.each(files.map((file) => [file]))("%s exports only project routes", async (file) => {
    const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    const exported = Object.entries(await import(path.join(ROOT, file))).filter(([name]) => METHODS.includes(name));
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.filter(([, handler]) => !isProjectRoute(handler)).map(([name]) => name)).toEqual([]);
  });
});
