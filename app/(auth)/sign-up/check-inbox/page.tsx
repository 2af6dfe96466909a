import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Check your inbox" };

/** The one answer to every accepted sign-up: it must read the same for new and known addresses. */
export default function CheckInboxPage() {
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Check your inbox</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        We sent an email to the address you entered. Open the link in it to confirm your address, then sign in. If
        you already have an account, the email tells you how to sign in instead.
      </p>
      <Link href="/sign-in" className={buttonClass("primary", "w-full")}>
        Go to sign in
      </Link>
    </>
  );
}
