import { z } from "zod";
import { defineFormRoute } from "@/lib/actions/define-form-route";
import { db } from "@/lib/db";
import { isDevelopment } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Development only, for browser tests (e2e/support-*.spec.ts): the signed-in person becomes
 * support staff (`role`), so each journey has its own staff account instead of sharing the
 * seeded ones across parallel workers. Production answers not_found.
 */
export const POST = defineFormRoute({
  access: "signed_in",
  input: z.object({ role: z.enum(["support", "support_admin"]) }),
  formPage: () => "/support",
  run: async (input, { session }) => {
    if (!isDevelopment()) throw new AppError("not_found");
    await db.user.update({ where: { id: session.userId }, data: { role: input.role } });
    return { ok: true };
  },
});
