import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { getSession } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? safeRedirectPath(params.callbackUrl) : undefined;
  if (await getSession()) redirect(callbackUrl ?? "/security");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Sign in to Tessera</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Welcome back. Enter your email and password.</p>
      {params.signedOut && <Alert tone="success" className="mb-4">You have been signed out.</Alert>}
      {params.reset && <Alert tone="success" className="mb-4">Your password was changed. Sign in with your new password.</Alert>}
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-3 text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
          Forgot password?
        </Link>
      </p>
      <p className="mt-6 text-center text-sm text-slate-600">
        New to Tessera?{" "}
        <Link href="/sign-up" className="font-medium text-brand-700 hover:underline">
          Create an account
        </Link>
      </p>
    </>
  );
}
