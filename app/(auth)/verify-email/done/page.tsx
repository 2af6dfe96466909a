import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { getSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Email verified" };

/** A new account arrives here signed out (sign-up does not sign in), an existing one signed in. */
export default async function VerifiedPage() {
  const signedIn = !!(await getSession());
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Email address verified</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Thank you. Security emails from Tessera will reach you at this address.</p>
      <Link href={signedIn ? "/account" : "/sign-in"} className={buttonClass("primary", "w-full")}>
        {signedIn ? "Continue" : "Sign in"}
      </Link>
    </>
  );
}
