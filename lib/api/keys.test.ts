import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { context } from "@/test/factories";
import { getCompliance, listAuditEvents } from "./endpoints/project";
import { defineApiRoute } from "./define-api-route";
import { hashApiKey } from "./key-format";
import { createApiKeyInput } from "./key-schemas";
import { createApiKey, listApiKeys, revokeApiKey } from "./keys";
import { callRoute, keyFor, projectWithOwner } from "./testing";

/** A route that changes something, for the scope rules (the access routes are tested in their own files). */
const writeProbe = defineApiRoute({
  method: "POST",
  path: "/projects/{projectId}/probe",
  summary: "probe",
  tags: ["Test"],
  scope: "write",
  body: z.object({ n: z.number().int() }),
  responses: { 201: z.object({ n: z.number() }) },
  handler: async ({ body }) => ({ n: body.n }),
});

const DAY = 86_400_000;

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: `urn:tessera:problem:${code}` });
  return body;
}

describe("API keys", { timeout: 60_000 }, () => {
  it("shows the key once and stores only its SHA-256: neither the key nor its secret part is in the row or the audit log", async () => {
    const setup = await projectWithOwner();
    const created = await keyFor(setup, { name: "Door controller", scopes: ["read"] });
    expect(created.key).toMatch(/^tsk_[0-9A-Za-z]{12}_[A-Za-z0-9_-]{43}$/);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    const secret = created.key.split("_").slice(2).join("_");
    expect(row.secretHash).toBe(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(secret);
    const events = await db.auditEvent.findMany({ where: { projectId: setup.project.id }, select: { type: true, metadata: true } });
    expect(events.map((event) => event.type)).toContain("api.key_created");
    expect(JSON.stringify(events)).not.toContain(secret);
    const [listed] = await listApiKeys(setup.project.id);
    expect(listed).toMatchObject({ name: "Door controller", prefix: row.prefix, scopes: ["read"], revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(row.secretHash);
  });

  it("refuses a Key name with a NUL or a bidirectional override (invalid_input in the action's schema and the domain, never a database error)", async () => {
    const setup = await projectWithOwner();
    for (const name of ["Sync\u0000", "Sy\u202Enc"]) {
      await expect(createApiKey(setup.actor, setup.project.id, { name, scopes: ["read"], expiresInDays: null }, context)).rejects.toMatchObject({ code: "invalid_input" });
      expect(createApiKeyInput.safeParse({ projectId: setup.project.id, name, scopeRead: "on" }).success).toBe(false);
    }
    expect(await db.apiKey.count({ where: { projectId: setup.project.id } })).toBe(0);
  });

  it("needs sudo and an owner or admin, and refuses a second live key of the same name", async () => {
    const setup = await projectWithOwner();
    const stale = { userId: setup.owner.id, sessionId: (await db.session.create({ data: { userId: setup.owner.id, verifiedAt: new Date(Date.now() - 3_600_000), verifiedMethod: "password", expiresAt: new Date(Date.now() + DAY) } })).id };
    await expect(createApiKey(stale, setup.project.id, { name: "k", scopes: ["read"], expiresInDays: null }, context)).rejects.toMatchObject({ code: "sudo_required" });
    await keyFor(setup, { name: "Sync" });
    await expect(keyFor(setup, { name: "sync" })).rejects.toMatchObject({ code: "api_key_name_taken" });
    const other = await projectWithOwner();
    await expect(createApiKey(other.actor, setup.project.id, { name: "x", scopes: ["read"], expiresInDays: null }, context)).rejects.toMatchObject({ code: "not_found" });
  });

  it("scopes: a read key reads and cannot write (403 insufficient_scope); a write key writes", async () => {
    const setup = await projectWithOwner();
    const read = await keyFor(setup, { scopes: ["read"] });
    const write = await keyFor(setup, { scopes: ["write"] });
    const params = { projectId: setup.project.id };
    expect((await callRoute(getCompliance, params, { key: read.key })).status).toBe(200);
    await expectProblem(await callRoute(writeProbe, params, { key: read.key, body: { n: 1 } }), 403, "insufficient_scope");
    const written = await callRoute(writeProbe, params, { key: write.key, body: { n: 2 } });
    expect(written.status).toBe(201);
    expect(await written.json()).toEqual({ n: 2 });
    await expectProblem(await callRoute(getCompliance, params, { key: write.key }), 403, "insufficient_scope");
  });

  it("an expired key answers 401 from its expiry on, with the same detail as an unknown one", async () => {
    const now = new Date();
    const setup = await projectWithOwner(now);
    const created = await keyFor(setup, { expiresInDays: 7 }, now);
    const params = { projectId: setup.project.id };
    expect((await callRoute(getCompliance, params, { key: created.key, now: new Date(now.getTime() + 7 * DAY - 1) })).status).toBe(200);
    const expired = await expectProblem(await callRoute(getCompliance, params, { key: created.key, now: new Date(now.getTime() + 7 * DAY) }), 401, "api_key_invalid");
    const unknown = await expectProblem(await callRoute(getCompliance, params, { key: `tsk_AAAAAAAAAAAA_${"A".repeat(43)}` }), 401, "api_key_invalid");
    expect(expired.detail).toBe(unknown.detail);
    const refused = await db.auditEvent.findMany({ where: { type: "api.key_refused", projectId: setup.project.id } });
    expect(refused.map((event) => (event.metadata as { reason: string }).reason)).toEqual(["expired"]);
  });

  it("a revoked key answers 401 at once, though it was just used", async () => {
    const setup = await projectWithOwner();
    const created = await keyFor(setup);
    const params = { projectId: setup.project.id };
    expect((await callRoute(getCompliance, params, { key: created.key })).status).toBe(200);
    expect(await revokeApiKey(setup.actor, setup.project.id, created.id, context)).toBe(true);
    await expectProblem(await callRoute(getCompliance, params, { key: created.key }), 401, "api_key_invalid");
    expect(await revokeApiKey(setup.actor, setup.project.id, created.id, context)).toBe(false);
  });

  it("a key stops working when its creator is no longer an owner or admin of the project", async () => {
    const setup = await projectWithOwner();
    const created = await keyFor(setup);
    await db.projectMember.update({ where: { projectId_userId: { projectId: setup.project.id, userId: setup.owner.id } }, data: { role: "member" } });
    await expectProblem(await callRoute(getCompliance, { projectId: setup.project.id }, { key: created.key }), 401, "api_key_invalid");
  });

  it("another project's key gets 404, as an unknown project; no key, a malformed key, a wrong secret get 401 alike, audited without the secret", async () => {
    const started = new Date();
    const setup = await projectWithOwner();
    const other = await projectWithOwner();
    const otherKey = await keyFor(other);
    const own = await keyFor(setup);
    const params = { projectId: setup.project.id };
    const foreign = await expectProblem(await callRoute(getCompliance, params, { key: otherKey.key }), 404, "not_found");
    const unknownProject = await expectProblem(await callRoute(getCompliance, { projectId: crypto.randomUUID() }, { key: own.key }), 404, "not_found");
    expect(foreign.detail).toBe(unknownProject.detail);
    const wrongSecret = `${own.key.slice(0, own.key.length - 4)}AAAA` === own.key ? `${own.key.slice(0, -4)}BBBB` : `${own.key.slice(0, -4)}AAAA`;
    const details = new Set<unknown>();
    for (const key of [null, "not-a-key", wrongSecret]) details.add((await expectProblem(await callRoute(getCompliance, params, { key }), 401, "api_key_invalid")).detail);
    expect(details.size).toBe(1);
    const response = await callRoute(getCompliance, params, {});
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const refused = await db.auditEvent.findMany({ where: { type: "api.key_refused", createdAt: { gte: started, lte: new Date() } }, select: { metadata: true, projectId: true } });
    expect(refused.map((event) => (event.metadata as { reason: string }).reason).sort()).toEqual(["malformed", "missing", "missing", "wrong_secret"]);
    expect(refused.find((event) => (event.metadata as { reason: string }).reason === "wrong_secret")).toMatchObject({ projectId: setup.project.id, metadata: { keyId: own.id } });
    expect(JSON.stringify(refused)).not.toContain(wrongSecret.split("_").slice(2).join("_"));
  });

  it("records the last use (time and address) and audits each read as api.request with the key's id", async () => {
    const now = new Date();
    const setup = await projectWithOwner(now);
    const created = await keyFor(setup, {}, now);
    const at = new Date(now.getTime() + 60_000);
    expect((await callRoute(listAuditEvents, { projectId: setup.project.id }, { key: created.key, now: at })).status).toBe(200);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt?.getTime()).toBe(at.getTime());
    expect(row.lastUsedIp).toBe("198.51.100.7");
    const request = await db.auditEvent.findFirstOrThrow({ where: { type: "api.request", projectId: setup.project.id } });
    expect(request).toMatchObject({ actorId: setup.owner.id, subjectId: null, metadata: { apiKeyId: created.id, method: "GET", route: "/projects/{projectId}/audit-events", status: 200 } });
  });

  it("bad input of any shape is a 4xx problem with the fields named in the caller's language", async () => {
    const setup = await projectWithOwner();
    const created = await keyFor(setup);
    const params = { projectId: setup.project.id };
    const bad = await expectProblem(await callRoute(writeProbe, params, { key: created.key, body: { n: "x" }, headers: { "accept-language": "ja" } }), 400, "invalid_input");
    expect(bad.errors).toEqual([{ path: "body.n", message: expect.any(String) }]);
    expect((bad.errors as { message: string }[])[0]!.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    await expectProblem(await callRoute(writeProbe, params, { key: created.key, rawBody: "{", contentType: "application/json" }), 400, "invalid_json");
    await expectProblem(await callRoute(writeProbe, params, { key: created.key, rawBody: "n=1", contentType: "application/x-www-form-urlencoded" }), 415, "unsupported_media_type");
    await expectProblem(await callRoute(writeProbe, params, { key: created.key, rawBody: JSON.stringify({ n: 1, pad: "x".repeat(1_100_000) }) }), 413, "payload_too_large");
    await expectProblem(await callRoute(listAuditEvents, params, { key: created.key, query: "limit=0" }), 400, "invalid_input");
  });
});
