import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { getSession } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.verified");
  return { title: t("title") };
}

/** A new account arrives here signed out (sign-up does not sign in), an existing one signed in. */
export default async function VerifiedPage() {
  const signedIn = !!(await getSession());
  const t = await getTranslations("auth.verified");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("heading")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("body")}</p>
      <Link href={signedIn ? "/account" : "/sign-in"} className={buttonClass("primary", "w-full")}>
        {signedIn ? t("continue") : t("signIn")}
      </Link>
    </>
  );
}
