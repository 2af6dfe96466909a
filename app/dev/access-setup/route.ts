import crypto from "node:crypto";
import { z } from "zod";
import { accessCodeSchema } from "@/lib/access/code-rules";
import { addCard, addMfaCode } from "@/lib/access/credentials";
import { cardNumberSchema, facilityCodeSchema } from "@/lib/access/door-schemas";
import { memberActor } from "@/lib/access/page-access";
import { createAccessUser } from "@/lib/access/users";
import { defineFormRoute } from "@/lib/actions/define-form-route";
import { isDevelopment } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { projectFormPage, projectId } from "@/lib/projects/schemas";

/**
 * Development only, for browser tests (e2e/access-doors.spec.ts): the owner of a project gets an
 * access user with a card and an MFA code in one request, answered as JSON (the code included,
 * as Generate shows it once), so a door journey need not walk through the users pages. Through
 * the guarded path (the caller must be the project's owner) and the same domain functions as the
 * pages (lib/access/users.ts, credentials.ts), so the user, the card and the code are audited
 * like any others (access.user_created, card_added, code_added); production answers not_found.
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
  run: async (input, { project, request }) => {
    if (!isDevelopment()) throw new AppError("not_found");
    const actor = memberActor(project!);
    const facilityCode = input.facilityCode ?? crypto.randomInt(1, 65_536);
    const cardNumber = input.cardNumber ?? crypto.randomInt(1, 2_000_000_000);
    const user = await createAccessUser(actor, { name: input.name, status: "active" }, request);
    await addCard(actor, user.id, { facilityCode, cardNumber }, request);
    const { code } = await addMfaCode(actor, user.id, input.code ? { code: input.code } : { generateLength: 6 }, request);
    return { ok: true, accessUserId: user.id, facilityCode, cardNumber, code } as { ok: true };
  },
});
