"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import type { FormState } from "@/lib/actions/form-state";
import { createApiKeyInput, revokeApiKeyInput } from "@/lib/api/key-schemas";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { message } from "@/lib/i18n/message";

/**
 * The API keys page's actions (components/api). Owners and admins; creating a key needs sudo
 * (DESIGN rule 6). The new key travels back once, in this answer, and is never readable again.
 */
export const createApiKeyAction = defineAction({
  access: "signed_in",
  project: "admin",
  sudo: true,
  input: createApiKeyInput,
  run: async ({ projectId, name, scopes, expiresInDays }, { session, request }): Promise<FormState & { key?: string; keyName?: string }> => {
    const created = await createApiKey({ userId: session.userId, sessionId: session.id }, projectId, { name, scopes, expiresInDays }, request);
    revalidatePath(`/projects/${projectId}/api-keys`);
    return { ok: true, message: message("api.keys.created"), key: created.key, keyName: created.name };
  },
});

/** Revoking stops a key at once; it takes power away, so it needs no sudo (as ending a session does not). */
export const revokeApiKeyAction = defineAction({
  access: "signed_in",
  project: "admin",
  input: revokeApiKeyInput,
  run: async ({ projectId, keyId }, { session, request }) => {
    await revokeApiKey({ userId: session.userId, sessionId: session.id }, projectId, keyId, request);
    revalidatePath(`/projects/${projectId}/api-keys`);
    return { ok: true, message: message("api.keys.revoked") };
  },
});
