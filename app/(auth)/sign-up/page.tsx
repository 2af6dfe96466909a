import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthFooter, AuthHeading, richLink } from "@/components/auth/auth-page";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signUp");
  return { title: t("title") };
}

export default async function SignUpPage() {
  if (await getSession()) redirect("/security");
  const t = await getTranslations("auth.signUp");
  return (
    <>
      <AuthHeading heading={t("heading")} intro={t("intro")} />
      <SignUpForm />
      <AuthFooter>{t.rich("haveAccount", { link: richLink("/sign-in") })}</AuthFooter>
    </>
  );
}
