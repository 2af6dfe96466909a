import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-page";
import { CancelSignIn } from "@/components/auth/cancel-sign-in";
import { RequiredPasswordForm } from "@/components/support/resets/required-password-form";
import { getPendingSession, getSession } from "@/lib/auth/session";
import { POLICY_VALUES } from "@/lib/policy/limits";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("supportResets.newPassword");
  return { title: t("title") };
}

/**
 * Where a person lands after signing in when support required a new password
 * (lib/support/password-change.ts): every signed-in page sends them here until it is set.
 */
export default async function NewPasswordPage() {
  const session = await getSession();
  if (!session) redirect((await getPendingSession()) ? "/sign-in/verify" : "/sign-in");
  if (!session.user.passwordChangeRequiredAt) redirect("/security");
  const [t, auth] = await Promise.all([getTranslations("supportResets.newPassword"), getTranslations("auth")]);
  return (
    <>
      <AuthHeading heading={t("heading")} intro={t("intro")} />
      <RequiredPasswordForm
        labels={{
          password: t("password"),
          confirmPassword: t("confirmPassword"),
          submit: t("submit"),
          pending: t("pending"),
          hint: auth("passwordHint", { passwordMin: POLICY_VALUES.passwordMin, passwordMax: POLICY_VALUES.passwordMax }),
        }}
      />
      <CancelSignIn />
    </>
  );
}
