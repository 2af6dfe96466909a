import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-page";
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
      <AuthHeading heading={t("heading")} intro={t("body")} />
      <Link href={signedIn ? "/account" : "/sign-in"} className={buttonClass("primary", "w-full")}>
        {signedIn ? t("continue") : t("signIn")}
      </Link>
    </>
  );
}
