import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Email verified" };

export default function VerifiedPage() {
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Email address verified</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Thank you. Security emails from Tessera will reach you at this address.</p>
      <Link href="/account" className={buttonClass("primary", "w-full")}>
        Continue
      </Link>
    </>
  );
}
