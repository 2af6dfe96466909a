import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthFooter, AuthHeading, richLink } from "@/components/auth/auth-page";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { getSession } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? safeRedirectPath(params.callbackUrl) : undefined;
  if (await getSession()) redirect(callbackUrl ?? "/security");
  const t = await getTranslations("auth.signIn");
  return (
    <>
      <AuthHeading heading={t("heading")} intro={t("intro")} />
      {params.signedOut && <Alert tone="success" className="mb-4">{t("signedOut")}</Alert>}
      {params.reset && <Alert tone="success" className="mb-4">{t("passwordChanged")}</Alert>}
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-3 text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
          {t("forgotPassword")}
        </Link>
      </p>
      <AuthFooter>{t.rich("newAccount", { link: richLink(callbackUrl ? `/sign-up?next=${encodeURIComponent(callbackUrl)}` : "/sign-up") })}</AuthFooter>
    </>
  );
}
