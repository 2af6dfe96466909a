import { z } from "zod";
import { defineFormRoute } from "@/lib/actions/define-form-route";
import { newPasswordSchema } from "@/lib/auth/password";
import { notMePage, notMeTokenField } from "@/lib/auth/not-me-link";
import { setPasswordAfterNotMe } from "@/lib/auth/not-me";
import { clearNotMeStepCookie, readNotMeStepCookie } from "@/lib/auth/not-me-cookie";

/**
 * "This wasn't me", second step: the new password, with the step's cookie from the first. Every
 * session and trusted computer ends once more and the person is told; the link is spent.
 */
export const POST = defineFormRoute({
  access: "public",
  input: z.object({ token: notMeTokenField, password: newPasswordSchema }),
  formPage: (form) => notMePage(form.get("token")),
  run: async ({ token, password }, { request }) => {
    await setPasswordAfterNotMe({ token, changeToken: await readNotMeStepCookie(), password }, request);
    await clearNotMeStepCookie();
    return { ok: true, redirectTo: "/not-me/done" };
  },
});
