import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TokenLinkPage } from "@/components/auth/auth-page";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.verifyEmail");
  return { title: t("title") };
}

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return <TokenLinkPage namespace="auth.verifyEmail" token={token} form={(value) => <VerifyEmailForm token={value} />} incompleteHref="/account" />;
}
