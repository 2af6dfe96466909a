import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { PASSWORD_HINT } from "@/lib/auth/password-policy";
import { findPasswordReset } from "@/lib/auth/password-reset";
import { AppError, messageFor } from "@/lib/errors";

export const metadata: Metadata = { title: "Choose a new password" };

async function lookUp(token: unknown) {
  if (typeof token !== "string") return { error: messageFor("token_invalid") };
  try {
    return { reset: await findPasswordReset(token) };
  } catch (error) {
    if (error instanceof AppError) return { error: messageFor(error.code) };
    throw error;
  }
}

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const found = await lookUp(token);
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Choose a new password</h1>
      {found.reset ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">
            For {found.reset.email}. Every session will be signed out; you then sign in with the new password.
          </p>
          <ResetPasswordForm
            token={token as string}
            needsSecondFactor={found.reset.needsSecondFactor}
            passwordHint={PASSWORD_HINT}
          />
        </>
      ) : (
        <Alert tone="error" className="mt-4">
          {found.error}{" "}
          <Link href="/forgot-password" className="font-medium underline">
            Ask for a new link
          </Link>
        </Alert>
      )}
    </>
  );
}
