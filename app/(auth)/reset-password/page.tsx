import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { findPasswordReset } from "@/lib/auth/password-reset";
import { AppError, type ErrorCode } from "@/lib/errors";
import { POLICY_VALUES } from "@/lib/policy/limits";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.resetPassword");
  return { title: t("title") };
}

async function lookUp(token: unknown): Promise<{ reset: Awaited<ReturnType<typeof findPasswordReset>> } | { error: ErrorCode }> {
  if (typeof token !== "string") return { error: "token_invalid" };
  try {
    return { reset: await findPasswordReset(token) };
  } catch (error) {
    if (error instanceof AppError) return { error: error.code };
    throw error;
  }
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const found = await lookUp(token);
  const t = await getTranslations();
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{t("auth.resetPassword.heading")}</h1>
      {"reset" in found ? (
        <>
          <p className="mt-1 mb-6 text-sm break-words text-slate-600">{t("auth.resetPassword.forAccount", { email: found.reset.email })}</p>
          <ResetPasswordForm token={token as string} needsSecondFactor={found.reset.needsSecondFactor} />
        </>
      ) : (
        <Alert tone="error" className="mt-4">
          {t(`errors.${found.error}`, POLICY_VALUES)}
          <Link href="/forgot-password" className="mt-1 block font-medium underline">
            {t("auth.resetPassword.askAgain")}
          </Link>
        </Alert>
      )}
    </>
  );
}
