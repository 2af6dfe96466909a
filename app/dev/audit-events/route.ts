import { z } from "zod";
import { defineFormRoute } from "@/lib/actions/define-form-route";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isDevelopment } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Development only, for browser tests (e2e/support-console.spec.ts): writes `count` sign-in
 * events about the signed-in person over the last minutes, several on one millisecond, so the
 * console's paging has more than a page to walk. Production answers not_found.
 */
export const POST = defineFormRoute({
  access: "signed_in",
  input: z.object({ count: z.coerce.number().int().min(1).max(500) }),
  formPage: () => "/security",
  run: async (input, { session, request }) => {
    if (!isDevelopment()) throw new AppError("not_found");
    const now = Date.now();
    await db.$transaction(async (tx) => {
      for (let i = 0; i < input.count; i++) {
        await recordAudit(tx, { type: "auth.sign_in", actorId: session.userId, metadata: { purpose: "dev_events" }, context: request, at: new Date(now - 60_000 - Math.floor(i / 3) * 1_000) });
      }
    });
    return { ok: true };
  },
});
