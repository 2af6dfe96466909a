import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangeEmailForm, ChangePasswordForm } from "@/components/account/credential-forms";
import { LanguageForm } from "@/components/account/language-form";
import { ResendVerification } from "@/components/account/resend-verification";
import { Badge, Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { pendingEmailChange } from "@/lib/auth/email-change";
import { requireSession } from "@/lib/auth/session";
import { isLocale } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function AccountPage() {
  const { user } = await requireSession();
  const [pending, t] = await Promise.all([pendingEmailChange(user.id), getTranslations("account")]);
  return (
    // The forms, and the sudo prompt the email and password changes may ask for.
    <ClientMessages namespaces={["account", "security.sudo", "security.lock", "keys.challenge", "keys.browser", "phone.challenge", ...FORM_MESSAGES]}>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <Card title={t("profile.title")}>
          <dl className="grid gap-4 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">{t("profile.name")}</dt>
            <dd className="font-medium break-words">{user.name}</dd>
            <dt className="text-slate-500">{t("profile.email")}</dt>
            <dd className="flex flex-wrap items-center gap-2 font-medium break-all">
              {user.email}
              {user.emailVerifiedAt ? <Badge tone="green">{t("profile.verified")}</Badge> : <Badge tone="amber">{t("profile.notVerified")}</Badge>}
            </dd>
            <dt className="text-slate-500">{t("profile.role")}</dt>
            <dd>{t(`roles.${user.role}`)}</dd>
            <dt className="text-slate-500">{t("profile.memberSince")}</dt>
            <dd>
              <LocalTime value={user.createdAt.toISOString()} style="date" />
            </dd>
          </dl>
        </Card>
        {!user.emailVerifiedAt && (
          <Card title={t("verify.title")} description={t("verify.description")}>
            <ResendVerification />
          </Card>
        )}
        <Card title={t("email.title")} description={t("email.description")}>
          {pending && (
            <p className="mb-4 text-sm text-slate-700" data-testid="pending-email">
              {t.rich("email.pending", {
                email: pending.email,
                current: user.email,
                strong: (chunks) => <strong className="break-all">{chunks}</strong>,
                time: () => <LocalTime value={pending.expiresAt.toISOString()} />,
              })}
            </p>
          )}
          <ChangeEmailForm />
        </Card>
        <Card title={t("password.title")} description={t("password.description")}>
          <ChangePasswordForm />
        </Card>
        <Card title={t("language.title")} description={t("language.description")}>
          <LanguageForm current={isLocale(user.locale) ? user.locale : null} />
        </Card>
      </div>
    </ClientMessages>
  );
}
