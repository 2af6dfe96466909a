import { z } from "zod";
import { defineFormRoute } from "@/lib/actions/define-form-route";
import { notMePage, notMeTokenField } from "@/lib/auth/not-me-link";
import { secureAccount } from "@/lib/auth/not-me";
import { setNotMeStepCookie } from "@/lib/auth/not-me-cookie";

/**
 * "This wasn't me", first step (components/auth/not-me-forms.tsx): the current password, then
 * every session and trusted computer ends. This browser gets the password step's cookie and
 * goes back to the page, which now asks for the new password. A form route, so it works
 * without JavaScript.
 */
export const POST = defineFormRoute({
  access: "public",
  input: z.object({ token: notMeTokenField, password: z.string().min(1, "validation.enterPassword").max(1024) }),
  formPage: (form) => notMePage(form.get("token")),
  run: async ({ token, password }, { request }) => {
    const { changeToken } = await secureAccount({ token, password }, request);
    await setNotMeStepCookie(changeToken);
    return { ok: true, redirectTo: notMePage(token) };
  },
});
