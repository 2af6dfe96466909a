import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthFooter, AuthHeading, richLink } from "@/components/auth/auth-page";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.forgotPassword");
  return { title: t("title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth.forgotPassword");
  return (
    <>
      <AuthHeading heading={t("heading")} intro={t("intro")} />
      <ForgotPasswordForm />
      <AuthFooter>{t.rich("remembered", { link: richLink("/sign-in") })}</AuthFooter>
    </>
  );
}
