import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthHeading } from "@/components/auth/auth-page";
import { buttonClass } from "@/components/ui/button";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.checkInbox");
  return { title: t("title") };
}

/** The one answer to every accepted sign-up: it must read the same for new and known addresses. */
export default async function CheckInboxPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const path = typeof next === "string" ? safeRedirectPath(next, "") : "";
  const t = await getTranslations("auth.checkInbox");
  return (
    <>
      <AuthHeading heading={t("heading")} intro={t("body")} />
      <Link href={path ? `/sign-in?callbackUrl=${encodeURIComponent(path)}` : "/sign-in"} className={buttonClass("primary", "w-full")}>
        {t("goToSignIn")}
      </Link>
    </>
  );
}
