import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { context, createUser } from "@/test/factories";
import { fakeRequest, resetFakeRequest, signInAs } from "@/test/request-session";
import { accessCodeDigest, openAccessCode } from "./codes";
import { exportAccessUsers } from "./csv-export";
import { cancelAccessImport, getAccessImport, previewAccessImport } from "./csv-import";
import { importAccessBatch } from "./csv-import-batch";
import type { AccessActor } from "./permissions";

vi.mock("next/headers", () => import("@/test/request-session").then((m) => m.nextHeaders()));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("@/lib/auth/session", () => import("@/test/request-session").then((m) => m.sessionModule()));

const HEADER = "external_id,name,email,status,cards,entry_code,mfa_codes";
const csv = (lines: string[]) => ({ name: "people.csv", bytes: new TextEncoder().encode([HEADER, ...lines].join("\n")) });
/** n rows: user i has card 7:i, MFA code 4000+i, and every tenth an entry code. */
const people = (n: number, name = (i: number) => `Person ${i}`) =>
  Array.from({ length: n }, (_, i) => `ext-${i},"${name(i).replace(/"/g, '""')}",p${i}@example.com,active,7:${i},${i % 10 === 0 ? `9${String(i).padStart(4, "0")}` : ""},${4000 + i}`);

async function setUp() {
  const owner = await createUser();
  const project = await db.project.create({ data: { name: "Site", members: { create: [{ userId: owner.id, role: "owner" }] } } });
  const actor: AccessActor = { kind: "member", projectId: project.id, userId: owner.id, projectRole: "owner", accessRole: null };
  return { owner, project, actor };
}

/** Everything the import writes, in a stable order: equal snapshots mean nothing changed. */
async function snapshot(projectId: string) {
  const [users, cards, codes] = await Promise.all([
    db.accessUser.findMany({ where: { projectId }, orderBy: { externalId: "asc" } }),
    db.accessCard.findMany({ where: { projectId }, orderBy: [{ facilityCode: "asc" }, { cardNumber: "asc" }] }),
    db.accessCode.findMany({ where: { projectId }, orderBy: { id: "asc" } }),
  ]);
  return { users, cards, codes };
}

async function importAll(actor: AccessActor, importId: string, batchSize = 1_000) {
  for (let i = 0; i < 1_000; i++) {
    const step = await importAccessBatch(actor, importId, context, { batchSize });
    if (step.state === "done") return step;
  }
  throw new Error("import never finished");
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

beforeEach(() => resetFakeRequest());

describe("previewAccessImport", () => {
  it("counts new and updated users, stores codes sealed (never plain), and audits without codes", async () => {
    const { actor, project } = await setUp();
    await db.accessUser.create({ data: { projectId: project.id, name: "Old", externalId: "ext-1" } });
    const { importId } = await previewAccessImport(actor, csv(people(3)), context);
    expect(await getAccessImport(actor, importId)).toMatchObject({ state: "previewed", total: 3, done: 0, newUsers: 2, updatedUsers: 1, errorCount: 0, errors: [] });
    const stored = await db.accessImport.findUniqueOrThrow({ where: { id: importId } });
    const text = JSON.stringify(stored.rows);
    for (const code of ["4000", "4001", "4002", "90000"]) expect(text).not.toContain(`"${code}"`);
    expect(text).toContain("v1.");
    const [event] = await db.auditEvent.findMany({ where: { projectId: project.id, type: "access.import_previewed" } });
    expect(event).toMatchObject({ outcome: "success", metadata: { importId, rows: 3, errors: 0, newUsers: 2, updatedUsers: 1 } });
    expect(JSON.stringify(event!.metadata)).not.toMatch(/4000|90000/);
  });

  it("finds a card another access user holds, and refuses to import a file with errors until it is fixed", async () => {
    const { actor, project } = await setUp();
    const other = await db.accessUser.create({ data: { projectId: project.id, name: "Holder", externalId: "holder" } });
    await db.accessCard.create({ data: { projectId: project.id, accessUserId: other.id, facilityCode: 7, cardNumber: 1 } });
    const bad = await previewAccessImport(actor, csv([...people(3), "ext-9,Nine,,,,12a4,123", "ext-9,Again,,,,,"]), context);
    const summary = await getAccessImport(actor, bad.importId);
    expect(summary.errors.map((error) => [error.row, error.column, error.code])).toEqual([
      [3, "cards", "cardTaken"],
      [5, "entry_code", "codeDigits"],
      [5, "mfa_codes", "codeLength"],
      [6, "external_id", "externalIdDuplicate"],
    ]);
    expect(summary.errors[0]!.values).toEqual({ card: "7:1", holder: "holder" });
    expect(await codeOf(importAccessBatch(actor, bad.importId, context))).toBe("import_has_errors");
    expect(await db.accessUser.count({ where: { projectId: project.id } })).toBe(1);

    // Fixed (the card is ext-1's no more), uploaded again, imported.
    const fixed = await previewAccessImport(actor, csv(people(3).map((line) => line.replace(",7:1,", ",7:100,"))), context);
    expect(await importAll(actor, fixed.importId)).toMatchObject({ state: "done", done: 3, total: 3 });
    expect(await db.accessUser.count({ where: { projectId: project.id } })).toBe(4);
  });
  it("a NUL anywhere in the file is an encoding error of the preview, never a database error (PostgreSQL's text and jsonb refuse NUL)", async () => {
    const { actor } = await setUp();
    const files = [
      `${HEADER}\ne1,"A\u0000B",,active,,,`, // in a name (kept in the stored rows)
      `${HEADER},x\u0000y\ne1,A,,active,,,,`, // in an unknown column's name (kept in the stored errors)
      `${HEADER}\ne1,A,,active,1\u00002,,`, // in a card cell (quoted back in its error)
    ];
    for (const text of files) {
      const { importId } = await previewAccessImport(actor, { name: "people.csv", bytes: new TextEncoder().encode(text) }, context);
      expect(await getAccessImport(actor, importId)).toMatchObject({ errors: [{ row: null, column: null, code: "encoding" }] });
    }
    expect(await db.accessUser.count({ where: { projectId: actor.projectId } })).toBe(0);
  });
});

describe("importAccessBatch", () => {
  it("imports in batches: users, cards, sealed codes with digests, one audit event per batch, the rows dropped at the end", async () => {
    const { actor, project } = await setUp();
    const { importId } = await previewAccessImport(actor, csv(people(25)), context);
    const first = await importAccessBatch(actor, importId, context, { batchSize: 10 });
    expect(first).toMatchObject({ state: "importing", done: 10, total: 25, created: 10, updated: 0 });
    expect(await importAll(actor, importId, 10)).toMatchObject({ state: "done", done: 25 });

    const user = await db.accessUser.findFirstOrThrow({ where: { projectId: project.id, externalId: "ext-10" }, include: { cards: true, codes: true } });
    expect(user).toMatchObject({ name: "Person 10", email: "p10@example.com", status: "active", cards: [expect.objectContaining({ facilityCode: 7, cardNumber: 10 })] });
    const byKind = Object.fromEntries(user.codes.map((code) => [code.kind, code]));
    expect(openAccessCode(byKind.mfa!)).toBe("4010");
    expect(byKind.mfa!.digest).toBe(accessCodeDigest(project.id, "4010"));
    expect(openAccessCode(byKind.entry!)).toBe("90010");

    const batches = await db.auditEvent.findMany({ where: { projectId: project.id, type: "access.import_batch" }, orderBy: { createdAt: "asc" } });
    expect(batches.map((event) => event.metadata)).toEqual([
      { importId, from: 0, rows: 10, created: 10, updated: 0 },
      { importId, from: 10, rows: 10, created: 10, updated: 0 },
      { importId, from: 20, rows: 5, created: 5, updated: 0 },
    ]);
    expect(await db.auditEvent.count({ where: { projectId: project.id, type: "access.import_finished" } })).toBe(1);
    expect(JSON.stringify((await db.accessImport.findUniqueOrThrow({ where: { id: importId } })).rows)).not.toContain("v1.");
    // Another call changes nothing.
    expect(await importAccessBatch(actor, importId, context)).toMatchObject({ state: "done", created: 0, updated: 0 });
  });

  it("is idempotent: importing the same file again changes no row", async () => {
    const { actor, project } = await setUp();
    await importAll(actor, (await previewAccessImport(actor, csv(people(30)), context)).importId, 7);
    const before = await snapshot(project.id);
    const again = await previewAccessImport(actor, csv(people(30)), context);
    expect(await getAccessImport(actor, again.importId)).toMatchObject({ newUsers: 0, updatedUsers: 30 });
    await importAll(actor, again.importId, 7);
    expect(await snapshot(project.id)).toEqual(before);
    const batches = await db.auditEvent.findMany({ where: { projectId: project.id, type: "access.import_batch", metadata: { path: ["importId"], equals: again.importId } } });
    expect(batches.every((event) => (event.metadata as { created: number; updated: number }).created === 0 && (event.metadata as { updated: number }).updated === 0)).toBe(true);
  });

  it("updates by external id: name, status, cards and codes become the file's; others are left alone", async () => {
    const { actor, project } = await setUp();
    await importAll(actor, (await previewAccessImport(actor, csv(people(3)), context)).importId);
    const manual = await db.accessUser.create({ data: { projectId: project.id, name: "Not in the file" } });
    const before = await db.accessUser.findFirstOrThrow({ where: { projectId: project.id, externalId: "ext-1" }, include: { codes: true } });
    const changed = [people(3)[0]!, "ext-1,Renamed,,suspended,7:50;7:51,,4001;5555", people(3)[2]!];
    await importAll(actor, (await previewAccessImport(actor, csv(changed), context)).importId);
    const after = await db.accessUser.findFirstOrThrow({ where: { projectId: project.id, externalId: "ext-1" }, include: { cards: { orderBy: { cardNumber: "asc" } }, codes: true } });
    expect(after).toMatchObject({ id: before.id, name: "Renamed", email: null, status: "suspended" });
    expect(after.cards.map((card) => card.cardNumber)).toEqual([50, 51]);
    expect(after.codes.map((code) => openAccessCode(code)).sort()).toEqual(["4001", "5555"]);
    // The unchanged code kept its row.
    expect(after.codes.find((code) => openAccessCode(code) === "4001")!.id).toBe(before.codes[0]!.id);
    expect(await db.accessUser.findUnique({ where: { id: manual.id } })).not.toBeNull();
    expect(await db.accessUser.count({ where: { projectId: project.id } })).toBe(4);
  });

  it("a half-failed import leaves nothing: a batch whose 500th row's card was taken meanwhile rolls back whole, naming the row", async () => {
    const { actor, project } = await setUp();
    const { importId } = await previewAccessImport(actor, csv(people(1_500)), context);
    await importAccessBatch(actor, importId, context, { batchSize: 1_000 });
    // After the preview, someone gives the card of batch two's 500th row (file row 1,501: ext-1499, 7:1499) to another person.
    const other = await db.accessUser.create({ data: { projectId: project.id, name: "Meanwhile" } });
    await db.accessCard.create({ data: { projectId: project.id, accessUserId: other.id, facilityCode: 7, cardNumber: 1_499 } });
    const before = await snapshot(project.id);
    const failure = await importAccessBatch(actor, importId, context, { batchSize: 1_000 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: "import_card_taken", details: { values: { row: 1_501, card: "7:1499" } } });
    expect(await snapshot(project.id)).toEqual(before);
    expect(await db.accessUser.count({ where: { projectId: project.id, externalId: { in: ["ext-1000", "ext-1250", "ext-1499"] } } })).toBe(0);
    expect(await getAccessImport(actor, importId)).toMatchObject({ state: "importing", done: 1_000 });
    expect(await db.auditEvent.count({ where: { projectId: project.id, type: "access.import_batch" } })).toBe(1);
  });

  it("imports each batch once when many calls race for it (two tabs, two instances)", async () => {
    const { actor, project } = await setUp();
    const { importId } = await previewAccessImport(actor, csv(people(120)), context);
    // 50 callers at once, each looping until the import is done.
    await Promise.all(Array.from({ length: 50 }, () => importAll(actor, importId, 10)));
    expect(await getAccessImport(actor, importId)).toMatchObject({ state: "done", done: 120, total: 120 });
    const batches = await db.auditEvent.findMany({ where: { projectId: project.id, type: "access.import_batch" } });
    expect(batches.map((event) => (event.metadata as { from: number }).from).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i * 10));
    expect(batches.every((event) => (event.metadata as { created: number }).created === 10)).toBe(true);
    expect(await db.accessUser.count({ where: { projectId: project.id } })).toBe(120);
    expect(await db.accessCode.count({ where: { projectId: project.id } })).toBe(132);
  });

  it("cancel keeps the committed batches and drops the rest with its sealed codes", async () => {
    const { actor, project } = await setUp();
    const { importId } = await previewAccessImport(actor, csv(people(20)), context);
    await importAccessBatch(actor, importId, context, { batchSize: 10 });
    expect(await cancelAccessImport(actor, importId, context)).toMatchObject({ state: "cancelled", done: 10 });
    expect(await importAccessBatch(actor, importId, context)).toMatchObject({ state: "cancelled", done: 10 });
    expect(await db.accessUser.count({ where: { projectId: project.id } })).toBe(10);
    expect(JSON.stringify((await db.accessImport.findUniqueOrThrow({ where: { id: importId } })).rows)).not.toContain("v1.");
  });
});

describe("who may import", () => {
  it("needs the transfer permission (Access User Admin), and an import of another project is not found", async () => {
    const { actor, project } = await setUp();
    const { importId } = await previewAccessImport(actor, csv(people(2)), context);
    for (const accessRole of ["user_manager", "credential_manager", null] as const) {
      const member: AccessActor = { kind: "member", projectId: project.id, userId: actor.userId, projectRole: "member", accessRole };
      expect(await codeOf(previewAccessImport(member, csv(people(2)), context))).toBe("forbidden");
      expect(await codeOf(importAccessBatch(member, importId, context))).toBe("forbidden");
      expect(await codeOf(exportAccessUsers(member, { includeCodes: false }, context))).toBe("forbidden");
    }
    const admin: AccessActor = { kind: "member", projectId: project.id, userId: actor.userId, projectRole: "member", accessRole: "user_admin" };
    expect(await codeOf(importAccessBatch(admin, importId, context))).toBe("ok");
    const elsewhere = await setUp();
    expect(await codeOf(importAccessBatch(elsewhere.actor, importId, context))).toBe("not_found");
    expect(await codeOf(getAccessImport(elsewhere.actor, importId))).toBe("not_found");
  });

  it("the import actions need sudo mode", async () => {
    const { importNextBatchAction } = await import("@/lib/actions/access/import");
    const { owner, actor, project } = await setUp();
    const { importId } = await previewAccessImport(actor, csv(people(2)), context);
    const session = await signInAs(owner.id, { factor: true });
    const form = new FormData();
    form.set("projectId", project.id);
    form.set("importId", importId);
    await db.session.update({ where: { id: session.id }, data: { verifiedAt: new Date(Date.now() - 24 * 3_600_000) } });
    expect(await importNextBatchAction(form)).toMatchObject({ code: "sudo_required" });
    expect(await db.accessUser.count({ where: { projectId: project.id } })).toBe(0);
    await db.session.update({ where: { id: session.id }, data: { verifiedAt: new Date() } });
    expect(await importNextBatchAction(form)).toMatchObject({ ok: true, progress: { state: "done", done: 2, total: 2 } });
    expect(fakeRequest.sessionId).toBe(session.id);
  });
});

describe("exportAccessUsers", () => {
  it("streams the import's format; codes only when asked, audited; the export imports again unchanged", async () => {
    const { actor, project } = await setUp();
    const names = (i: number) => (i === 1 ? "=cmd|' /C calc'!A0" : i === 2 ? "Doe, \"Jay\"" : `Person ${i}`);
    await importAll(actor, (await previewAccessImport(actor, csv(people(2_100, names)), context)).importId);
    const read = async (includeCodes: boolean) => new Response(await exportAccessUsers(actor, { includeCodes }, context)).text();
    const plain = await read(false);
    expect(plain.split("\r\n")).toHaveLength(2_102);
    expect(plain).not.toContain("4001");
    expect(plain).toContain("'=cmd");
    const full = await read(true);
    expect(full).toContain(",4001\r\n");
    const events = await db.auditEvent.findMany({ where: { projectId: project.id, type: "access.exported" }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => event.metadata)).toEqual([{ codesIncluded: false, users: 2_100 }, { codesIncluded: true, users: 2_100 }]);

    const before = await snapshot(project.id);
    const again = await previewAccessImport(actor, { name: "export.csv", bytes: new TextEncoder().encode(full) }, context);
    expect(await getAccessImport(actor, again.importId)).toMatchObject({ errorCount: 0, newUsers: 0, updatedUsers: 2_100 });
    await importAll(actor, again.importId);
    expect(await snapshot(project.id)).toEqual(before);
    expect((await db.accessUser.findFirstOrThrow({ where: { projectId: project.id, externalId: "ext-1" } })).name).toBe("=cmd|' /C calc'!A0");
  });
});

describe("the upload and export routes", () => {
  const call = async (route: (request: Request, context: { params: Promise<{ projectId: string }> }) => Promise<Response>, projectId: string, url: string, init?: RequestInit) =>
    route(new Request(`http://localhost${url}`, init), { params: Promise.resolve({ projectId }) });

  it("the upload needs transfer and sudo mode; the export with codes needs sudo mode, the plain one does not", async () => {
    const { POST } = await import("@/app/api/projects/[projectId]/access/import/route");
    const { GET } = await import("@/app/api/projects/[projectId]/access/export/route");
    const { owner, project } = await setUp();
    const member = await createUser();
    await db.projectMember.create({ data: { projectId: project.id, userId: member.id, role: "member", accessRole: "user_manager" } });
    const body = [HEADER, ...people(2)].join("\n");
    const upload = () => call(POST, project.id, `/api/projects/${project.id}/access/import`, { method: "POST", body, headers: { "x-file-name": "people.csv", origin: "http://localhost", host: "localhost" } });

    await signInAs(member.id);
    expect((await upload()).status).toBe(403);
    expect((await call(GET, project.id, `/api/projects/${project.id}/access/export`)).status).toBe(404);

    const session = await signInAs(owner.id);
    await db.session.update({ where: { id: session.id }, data: { verifiedAt: new Date(Date.now() - 24 * 3_600_000) } });
    const refused = await upload();
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "sudo_required" });
    expect((await call(GET, project.id, `/api/projects/${project.id}/access/export?codes=1`)).status).toBe(403);
    const plain = await call(GET, project.id, `/api/projects/${project.id}/access/export`);
    expect(plain.status).toBe(200);
    // A byte-order mark first, so spreadsheets read UTF-8 (text() would take it off).
    expect(Buffer.from(await plain.arrayBuffer()).toString("latin1")).toBe(`\xEF\xBB\xBF${HEADER}\r\n`);
    expect(await db.accessImport.count({ where: { projectId: project.id } })).toBe(0);

    await db.session.update({ where: { id: session.id }, data: { verifiedAt: new Date() } });
    const accepted = await upload();
    expect(accepted.status).toBe(201);
    const { importId } = (await accepted.json()) as { importId: string };
    expect(await getAccessImport({ kind: "member", projectId: project.id, userId: owner.id, projectRole: "owner", accessRole: null }, importId)).toMatchObject({ fileName: "people.csv", total: 2, errorCount: 0 });
    const crossSite = await call(POST, project.id, `/api/projects/${project.id}/access/import`, { method: "POST", body, headers: { origin: "https://evil.example", host: "localhost" } });
    expect(crossSite.status).toBe(403);
  });
});
