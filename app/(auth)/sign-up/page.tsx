import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthFooter, AuthHeading, richLink } from "@/components/auth/auth-page";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getSession } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signUp");
  return { title: t("title") };
}

/** `next`: a same-origin path to return to after signing in (an invitation link), kept through "check your inbox". */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next: raw } = await searchParams;
  const next = typeof raw === "string" ? safeRedirectPath(raw, "") || undefined : undefined;
  if (await getSession()) redirect(next ?? "/security");
  const t = await getTranslations("auth.signUp");
  return (
    <>
      <AuthHeading heading={t("heading")} intro={t("intro")} />
      <SignUpForm next={next} />
      <AuthFooter>{t.rich("haveAccount", { link: richLink(next ? `/sign-in?callbackUrl=${encodeURIComponent(next)}` : "/sign-in") })}</AuthFooter>
    </>
  );
}
