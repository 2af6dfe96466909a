import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { context, createUser, enrolTotp } from "@/test/factories";
import { testBackend } from "@/test/db";
import { csvCell } from "@/lib/csv/cell";
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

  it("writes a field that holds the line separator (U+001F), a formula, quotes and line breaks exactly, and nulls as null", async () => {
    const viewer = await supportStaff();
    const person = await createUser();
    const userAgent = `=cmd\u001f"x",\r\ny\u001f`;
    const project = await db.project.create({ data: { name: "-1\u001f+2" } });
    await write({ type: "project.created", actorId: person.id, projectId: project.id, context: { ip: "@10.0.0.1", userAgent }, at: new Date("2092-01-01T00:00:00.000Z") });
    await write({ type: "auth.sign_in", actorId: person.id, context: { ip: null, userAgent: null }, at: new Date("2092-01-01T00:00:01.000Z") });

    const csv = await text((await startAuditExport(viewer.id, { email: person.email }, "csv", "en", context)).stream);
    expect(csv).toContain(`,${csvCell("-1\u001f+2")},${project.id},${csvCell("@10.0.0.1")},${csvCell(userAgent)},`);
    const events = JSON.parse(await text((await startAuditExport(viewer.id, { email: person.email }, "json", "en", context)).stream)) as Record<string, unknown>[];
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: "auth.sign_in", ip: null, userAgent: null, projectId: null, projectName: null, chainSeq: null, metadata: {} });
    expect(events[1]).toMatchObject({ type: "project.created", ip: "@10.0.0.1", userAgent, projectName: "-1\u001f+2", subjectEmail: person.email });
  });

  it("a reader that goes away ends the export's transaction and connection", async () => {
    const viewer = await supportStaff();
    const person = await createUser();
    for (let i = 0; i < 6; i++) await write({ type: "auth.sign_in", actorId: person.id, context, at: new Date(Date.UTC(2093, 0, 1, 0, 0, i)) });
    const { stream } = await startAuditExport(viewer.id, { email: person.email }, "csv", "en", context, 2);
    const reader = stream.getReader();
    await reader.read(); // headings
    const first = await reader.read(); // the first batch: the cursor is open
    expect(new TextDecoder().decode(first.value)).toContain(person.email);
    const exporting = () => db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'tessera audit export' AND datname = current_database()`;
    if (testBackend() === "postgres") expect((await exporting())[0]!.n).toBe(1);
    await reader.cancel();
    if (testBackend() === "postgres") {
      // The server notices the closed connection as soon as it reads it; ask until it has (bounded).
      let open = 1;
      for (let attempt = 0; attempt < 500 && open > 0; attempt++) open = (await exporting())[0]!.n;
      expect(open).toBe(0);
    }
    // The database is free for the next export.
    const again = await text((await startAuditExport(viewer.id, { email: person.email }, "csv", "en", context, 2)).stream);
    expect(again.trimEnd().split("\r\n")).toHaveLength(7);
  });
});
