import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { context, createUser, enrolTotp } from "@/test/factories";
import { startAuditExport } from "./audit-export";

async function supportStaff() {
  const user = await createUser();
  await db.user.update({ where: { id: user.id }, data: { role: "support" } });
  await enrolTotp(user.id);
  return user;
}

const write = (input: AuditInput) => db.$transaction((tx) => recordAudit(tx, input));
const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe("Export CSV / Export JSON", { timeout: 90_000 }, () => {
  it("streams every event of the filter over many batches, headings in the viewer's language, formulas made text", async () => {
    const viewer = await supportStaff();
    const person = await createUser();
    const project = await db.project.create({ data: { name: "=HYPERLINK(\"http://evil\")" } });
    const at = new Date("2091-05-01T10:00:00.000Z");
    // 11 events, several on one millisecond, read 3 at a time: batch boundaries inside ties.
    for (let i = 0; i < 11; i++) await write({ type: "project.created", actorId: person.id, projectId: project.id, metadata: { name: `=cmd|' /C calc'!A${i}, "quoted"\nline` }, context, at: new Date(at.getTime() + Math.floor(i / 4)) });
    await write({ type: "auth.sign_in", actorId: (await createUser()).id, context, at });

    const { stream, filename } = await startAuditExport(viewer.id, { email: person.email }, "csv", "ja", context, 3);
    expect(filename).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await text(stream);
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toContain("日時（UTC）");
    expect(lines[0]).toContain("対象者のメールアドレス");
    expect(lines).toHaveLength(12);
    const ids = lines.slice(1).map((line) => line.split(",").at(-1));
    expect(new Set(ids).size).toBe(11);
    const stored = await db.auditEvent.findMany({ where: { subjectId: person.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(ids).toEqual(stored.map((row) => row.id));
    for (const line of lines.slice(1)) {
      expect(line).toContain(person.email);
      // The project's name starts with "=": written as text, never as a formula.
      expect(line).toContain(`"'=HYPERLINK(""http://evil"")"`);
    }
  });

  it("JSON is one array, written incrementally, with metadata as objects", async () => {
    const viewer = await supportStaff();
    const person = await createUser();
    for (let i = 0; i < 5; i++) await write({ type: "auth.sign_in", outcome: i % 2 ? "failure" : "success", actorId: person.id, metadata: { reason: String(i) }, context, at: new Date(Date.UTC(2091, 6, 1, 0, 0, i)) });
    const { stream } = await startAuditExport(viewer.id, { email: person.email }, "json", "en", context, 2);
    const events = JSON.parse(await text(stream)) as { metadata: { reason: string }; outcome: string; label: string; subjectEmail: string; chainSeq: null }[];
    expect(events.map((event) => event.metadata.reason)).toEqual(["4", "3", "2", "1", "0"]);
    expect(events[1]).toMatchObject({ outcome: "failure", label: "Failed sign-in", subjectEmail: person.email, chainSeq: null });
    // Nothing matches: still a valid, empty array.
    const empty = await startAuditExport(viewer.id, { email: "nobody@example.test" }, "json", "en", context);
    expect(JSON.parse(await text(empty.stream))).toEqual([]);
  });

  it("is audited with its filter and format, and refused to anyone but support staff with a second factor", async () => {
    const viewer = await supportStaff();
    await startAuditExport(viewer.id, { outcome: "failure", from: "2026-01-01" }, "csv", "en", context);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "audit.exported", actorId: viewer.id } });
    expect(event.metadata).toEqual({ format: "csv", filter: { outcome: "failure", from: "2026-01-01" } });

    const member = await createUser();
    await expect(startAuditExport(member.id, {}, "csv", "en", context)).rejects.toMatchObject({ code: "forbidden" });
    const unenrolled = await createUser();
    await db.user.update({ where: { id: unenrolled.id }, data: { role: "support_admin" } });
    await expect(startAuditExport(unenrolled.id, {}, "json", "en", context)).rejects.toMatchObject({ code: "support_two_factor_required" });
    expect(await db.auditEvent.count({ where: { type: "audit.exported", actorId: { in: [member.id, unenrolled.id] } } })).toBe(0);
  });
});
