"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { signInWithForm } from "@/lib/auth/password-sign-in";
import { deviceId } from "@/lib/http/device-cookie";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

const schema = z.object({
  email: z.string().trim().min(1, "validation.enterEmail").max(254),
  password: z.string().min(1, "validation.enterPassword").max(1024),
  callbackUrl: z.string().optional(),
});

export const signInAction = defineAction({
  access: "public",
  input: schema,
  run: async ({ email, password, callbackUrl }) =>
    signInWithForm({ email, password, device: await deviceId(), redirectTo: safeRedirectPath(callbackUrl) }),
});
