import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type EmailChangedProps = { name?: string; newEmail: string };

/** Sent to the old address, which may be the only one the real owner still reads. */
function EmailChanged({ name, newEmail, ...context }: EmailChangedProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("emailChanged.preview")} heading={t("emailChanged.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("emailChanged.body", { newEmail })}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const emailChanged = defineEmailTemplate<EmailChangedProps>({
  subject: (_props, { t }) => t("emailChanged.subject"),
  Component: EmailChanged,
});
