import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmEmailChangeForm } from "@/components/account/confirm-email-change-form";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Confirm your new email address" };

export default async function ConfirmEmailChangePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Confirm your new email address</h1>
      {typeof token === "string" && token.length > 0 ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">Your account starts using this address once you confirm.</p>
          <ConfirmEmailChangeForm token={token} />
        </>
      ) : (
        <Alert tone="error" className="mt-4">
          This link is incomplete. Open the link from the email again, or ask for the change again on your{" "}
          <Link href="/account" className="font-medium underline">
            Account
          </Link>{" "}
          page.
        </Alert>
      )}
    </>
  );
}
