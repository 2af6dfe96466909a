import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CancelSignIn } from "@/components/auth/cancel-sign-in";
import { ChallengeForm } from "@/components/auth/challenge-form";
import { getPendingSession, getSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Use a recovery code" };

export default async function RecoveryPage() {
  if (await getSession()) redirect("/security");
  const pending = await getPendingSession();
  if (!pending) redirect("/sign-in");
  if (pending.pendingStep !== "two_factor") redirect("/sign-in/verify");
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Use a recovery code</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Enter one of the recovery codes you saved when you set up two-factor authentication. Each code works once.
      </p>
      <ChallengeForm method="recovery_code" />
      <p className="mt-4 text-center text-sm">
        <Link href="/sign-in/verify" className="font-medium text-brand-700 hover:underline">
          Use your authenticator app
        </Link>
      </p>
      <CancelSignIn />
    </>
  );
}
