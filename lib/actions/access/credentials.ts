"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { addCard, addMfaCode, removeAccessCode, removeCard, revealAccessCode, setEntryCode, updateAccessCode } from "@/lib/access/credentials";
import { reinstateCodes } from "@/lib/access/link";
import { memberActor } from "@/lib/access/page-access";
import { cardInput, codeInput, hasOneCodeSource, newCodeFields, ONE_CODE_SOURCE } from "@/lib/access/schemas";
import { message } from "@/lib/i18n/message";
import { projectId } from "@/lib/projects/schemas";

/**
 * Credentials: cards, the entry code, MFA codes, Reveal, Reinstate codes. Every one needs sudo
 * mode (DESIGN rule 6); the domain functions check credentials.manage themselves.
 */

const accessUserId = z.uuid("validation.invalid");
const rowId = z.uuid("validation.invalid");
const refresh = (id: string) => revalidatePath(`/projects/${id}/access`, "layout");

export const addCardAction = defineAction({
  access: "signed_in",
  project: "member",
  sudo: true,
  input: cardInput.extend({ projectId, accessUserId }),
  run: async ({ projectId, accessUserId, ...card }, { project, request }) => {
    await addCard(memberActor(project!), accessUserId, card, request);
    refresh(projectId);
    return { ok: true, message: message("access.credentials.done.cardAdded") };
  },
});

export const removeCardAction = defineAction({
  access: "signed_in",
  project: "member",
  sudo: true,
  input: z.object({ projectId, accessUserId, cardId: rowId }),
  run: async ({ projectId, accessUserId, cardId }, { project, request }) => {
    await removeCard(memberActor(project!), accessUserId, cardId, request);
    refresh(projectId);
    return { ok: true, message: message("access.credentials.done.cardRemoved") };
  },
});

const newCode = newCodeFields.extend({ projectId, accessUserId, kind: z.enum(["mfa", "entry"], "validation.invalid") }).refine(hasOneCodeSource, ONE_CODE_SOURCE);

/**
 * **Add MFA code** or set the entry code: typed, or **Generate**d. A generated code comes back
 * once in `shownCode`, for the admin to hand over; a typed one is not echoed.
 */
export const addAccessCodeAction = defineAction({
  access: "signed_in",
  project: "member",
  sudo: true,
  input: newCode,
  run: async ({ projectId, accessUserId, kind, code, generateLength }, { project, request }) => {
    const actor = memberActor(project!);
    const added = await (kind === "mfa" ? addMfaCode : setEntryCode)(actor, accessUserId, { code, generateLength }, request);
    refresh(projectId);
    const generated = code === undefined;
    return {
      ok: true,
      message: message(kind === "mfa" ? "access.credentials.done.mfaAdded" : "access.credentials.done.entrySet"),
      ...(generated ? { shownCode: added.code } : {}),
    };
  },
});

export const updateAccessCodeAction = defineAction({
  access: "signed_in",
  project: "member",
  sudo: true,
  input: codeInput.extend({ projectId, accessUserId, codeId: rowId }),
  run: async ({ projectId, accessUserId, codeId, code }, { project, request }) => {
    await updateAccessCode(memberActor(project!), accessUserId, codeId, code, request);
    refresh(projectId);
    return { ok: true, message: message("access.credentials.done.codeChanged") };
  },
});

export const removeAccessCodeAction = defineAction({
  access: "signed_in",
  project: "member",
  sudo: true,
  input: z.object({ projectId, accessUserId, codeId: rowId }),
  run: async ({ projectId, accessUserId, codeId }, { project, request }) => {
    await removeAccessCode(memberActor(project!), accessUserId, codeId, request);
    refresh(projectId);
    return { ok: true, message: message("access.credentials.done.codeRemoved") };
  },
});

/** **Reveal**: the code in the answer, audited by the domain function. */
export const revealAccessCodeAction = defineAction({
  access: "signed_in",
  project: "member",
  sudo: true,
  input: z.object({ projectId, accessUserId, codeId: rowId }),
  run: async ({ accessUserId, codeId }, { project, request }) => {
    const revealed = await revealAccessCode(memberActor(project!), accessUserId, codeId, request);
    return { ok: true, revealed };
  },
});

/** **Reinstate codes** after the linked member's removal or 2FA reset. */
export const reinstateCodesAction = defineAction({
  access: "signed_in",
  project: "member",
  sudo: true,
  input: z.object({ projectId, accessUserId }),
  run: async ({ projectId, accessUserId }, { project, request }) => {
    await reinstateCodes(memberActor(project!), accessUserId, request);
    refresh(projectId);
    return { ok: true, message: message("access.credentials.done.reinstated") };
  },
});
