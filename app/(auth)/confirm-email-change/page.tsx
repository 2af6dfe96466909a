import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConfirmEmailChangeForm } from "@/components/account/confirm-email-change-form";
import { TokenLinkPage } from "@/components/auth/auth-page";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.confirmEmailChange");
  return { title: t("title") };
}

export default async function ConfirmEmailChangePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return (
    <TokenLinkPage namespace="auth.confirmEmailChange" token={token} form={(value) => (
        <ClientMessages namespaces={["account.email", ...FORM_MESSAGES]}>
          <ConfirmEmailChangeForm token={value} />
        </ClientMessages>
      )} incompleteHref="/account" />
  );
}
