import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type EmailChangeRequestedProps = { name?: string; newEmail: string };

/** Sent to the current address, which stays in use until the new one is confirmed. */
function EmailChangeRequested({ name, newEmail, ...context }: EmailChangeRequestedProps & EmailContext) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t("emailChangeRequested.preview")} heading={t("emailChangeRequested.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("emailChangeRequested.body", { newEmail })}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const emailChangeRequested = defineEmailTemplate<EmailChangeRequestedProps>({
  subject: (_props, { t }) => t("emailChangeRequested.subject"),
  Component: EmailChangeRequested,
});
