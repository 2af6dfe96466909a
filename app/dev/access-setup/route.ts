import crypto from "node:crypto";
import { z } from "zod";
import { generateAccessCode, sealAccessCode } from "@/lib/access/codes";
import { accessCodeSchema } from "@/lib/access/code-rules";
import { cardNumberSchema, facilityCodeSchema } from "@/lib/access/door-schemas";
import { defineFormRoute } from "@/lib/actions/define-form-route";
import { db } from "@/lib/db";
import { isDevelopment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { projectFormPage, projectId } from "@/lib/projects/schemas";

/**
 * Development only, for browser tests (e2e/access-doors.spec.ts): the owner of a project gets an
 * access user with a card and an MFA code in one request, answered as JSON (the code included,
 * as Generate shows it once), so a door journey need not walk through the users pages. Through
 * the guarded path (the caller must be the project's owner); production answers not_found.
 */
export const POST = defineFormRoute({
  access: "signed_in",
  project: "owner",
  input: z.object({
    projectId,
    name: z.string().trim().min(1).max(100).default("Keypad tester"),
    facilityCode: facilityCodeSchema.optional(),
    cardNumber: cardNumberSchema.optional(),
    code: accessCodeSchema.optional(),
  }),
  formPage: (form) => projectFormPage(form),
  run: async (input) => {
    if (!isDevelopment()) throw new AppError("not_found");
    const facilityCode = input.facilityCode ?? crypto.randomInt(1, 65_536);
    const cardNumber = input.cardNumber ?? crypto.randomInt(1, 2_000_000_000);
    const code = input.code ?? generateAccessCode(6);
    const codeId = crypto.randomUUID();
    const user = await db.accessUser.create({
      data: {
        projectId: input.projectId,
        name: input.name,
        cards: { create: { projectId: input.projectId, facilityCode, cardNumber } },
        codes: { create: { id: codeId, projectId: input.projectId, kind: "mfa", ...sealAccessCode(input.projectId, codeId, code) } },
      },
    });
    return { ok: true, accessUserId: user.id, facilityCode, cardNumber, code } as { ok: true };
  },
});
