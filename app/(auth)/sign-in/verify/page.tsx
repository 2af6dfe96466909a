import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CancelSignIn } from "@/components/auth/cancel-sign-in";
import { ChallengeForm, ResendLoginCode } from "@/components/auth/challenge-form";
import { getPendingSession, getSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Verify it is you" };

function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 2)}${"•".repeat(Math.max(1, local.length - 2))}@${domain}`;
}

export default async function VerifyPage() {
  if (await getSession()) redirect("/security");
  const pending = await getPendingSession();
  if (!pending) redirect("/sign-in");

  if (pending.pendingStep === "email_code") {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">Check your email</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          We sent a 6-digit code to <strong>{maskEmail(pending.user.email)}</strong>. It is valid for 10 minutes.
        </p>
        <ChallengeForm method="email_code" />
        <div className="mt-4 text-center">
          <ResendLoginCode />
        </div>
        <CancelSignIn />
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Two-factor authentication</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Open your authenticator app and enter the 6-digit code for Tessera.</p>
      <ChallengeForm method="totp" />
      <p className="mt-4 text-center text-sm">
        <Link href="/sign-in/verify/recovery" className="font-medium text-brand-700 hover:underline">
          Use a recovery code
        </Link>
      </p>
      <CancelSignIn />
    </>
  );
}
