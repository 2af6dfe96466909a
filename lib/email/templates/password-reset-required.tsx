import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, linkTo, Paragraph } from "./layout";

export type PasswordResetRequiredProps = { name?: string; failures: number };

function PasswordResetRequired({ name, failures, ...context }: PasswordResetRequiredProps & EmailContext) {
  const { t, appUrl } = context;
  return (
    <EmailLayout {...context} preview={t("passwordResetRequired.preview")} heading={t("passwordResetRequired.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t.rich("passwordResetRequired.body", { failures, ...linkTo(`${appUrl}/forgot-password`) })}</Paragraph>
      <Paragraph>{t("passwordResetRequired.notYours")}</Paragraph>
    </EmailLayout>
  );
}

export const passwordResetRequired = defineEmailTemplate<PasswordResetRequiredProps>({
  subject: (_props, { t }) => t("passwordResetRequired.subject"),
  Component: PasswordResetRequired,
});
