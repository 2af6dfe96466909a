import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { RequestContext } from "@/lib/http/request-context";
import { openAccessCode } from "./codes";
import { accessCsvLine, CSV_HEADER_LINE } from "./csv-format";
import { assertCan, auditActor, type AccessActor } from "./permissions";

/**
 * Export of a project's access users in the import's format (lib/access/csv-format.ts), so the
 * file imports again unchanged. Streamed: keyset pages of BATCH users by id, each read as the
 * reader asks for more, so memory stays flat for any number of people.
 *
 * Keypad codes are in the file only when asked for (`includeCodes`): that reveals every code
 * at once, so it also needs credentials.manage (the route adds sudo), and it is audited as such.
 * Every export is audited when it starts.
 */
export const EXPORT_BATCH = 2_000;

export async function exportAccessUsers(actor: AccessActor, options: { includeCodes: boolean }, context: RequestContext): Promise<ReadableStream<Uint8Array>> {
  assertCan(actor, "transfer");
  if (options.includeCodes) assertCan(actor, "credentials.manage");
  const projectId = actor.projectId;
  const { actorId, apiKeyId } = auditActor(actor);
  const users = await db.accessUser.count({ where: { projectId } });
  await db.$transaction((tx) =>
    recordAudit(tx, { type: "access.exported", actorId, projectId, metadata: { codesIncluded: options.includeCodes, users, ...(apiKeyId ? { apiKeyId } : {}) }, context }),
  );

  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_HEADER_LINE));
        return;
      }
      const page = await db.accessUser.findMany({
        where: { projectId, ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: "asc" },
        take: EXPORT_BATCH,
        select: {
          id: true,
          externalId: true,
          name: true,
          email: true,
          status: true,
          cards: { select: { facilityCode: true, cardNumber: true }, orderBy: [{ facilityCode: "asc" }, { cardNumber: "asc" }] },
          ...(options.includeCodes ? { codes: { select: { id: true, kind: true, sealed: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } : {}),
        },
      });
      if (page.length === 0) {
        controller.close();
        return;
      }
      cursor = page.at(-1)!.id;
      let text = "";
      for (const user of page) {
        const codes = "codes" in user ? (user.codes as { id: string; kind: string; sealed: string }[]) : [];
        const entry = codes.find((code) => code.kind === "entry");
        text += accessCsvLine({
          ...user,
          entryCode: entry ? openAccessCode(entry) : null,
          mfaCodes: codes.filter((code) => code.kind === "mfa").map((code) => openAccessCode(code)),
        });
      }
      controller.enqueue(encoder.encode(text));
    },
  });
}

/** The export's file name: the project's and the day's, in ASCII. */
export function exportFileName(now = new Date()): string {
  return `access-users-${now.toISOString().slice(0, 10)}.csv`;
}
