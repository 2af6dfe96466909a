import type { Metadata } from "next";
import Link from "next/link";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Verify your email" };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Verify your email address</h1>
      {typeof token === "string" && token.length > 0 ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">Confirm that this address belongs to you.</p>
          <VerifyEmailForm token={token} />
        </>
      ) : (
        <Alert tone="error" className="mt-4">
          This link is incomplete. Open the link from the email again, or request a new one on your{" "}
          <Link href="/account" className="font-medium underline">
            Account
          </Link>{" "}
          page.
        </Alert>
      )}
    </>
  );
}
