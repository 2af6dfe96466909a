import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, Paragraph } from "./layout";

export type PasswordChangeRequiredProps = { name?: string };

/** After support required a new password (lib/support/password-change.ts). */
function PasswordChangeRequired({ name, ...context }: PasswordChangeRequiredProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("passwordChangeRequired.preview")} heading={t("passwordChangeRequired.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("passwordChangeRequired.body")}</Paragraph>
      <Paragraph>{t("passwordChangeRequired.notYou")}</Paragraph>
    </EmailLayout>
  );
}

export const passwordChangeRequired = defineEmailTemplate<PasswordChangeRequiredProps>({
  subject: (_props, { t }) => t("passwordChangeRequired.subject"),
  Component: PasswordChangeRequired,
});
