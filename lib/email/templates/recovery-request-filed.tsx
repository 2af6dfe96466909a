import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, linkTo, Paragraph } from "./layout";

/**
 * The confirmation of a recovery request, to the account's address (with its "This wasn't me"
 * link, notifyUser) and to the contact address the person gave, in the person's language.
 */
export type RecoveryRequestFiledProps = { name?: string; filedAt: Date; contactEmail: string };

function RecoveryRequestFiled({ name, filedAt, contactEmail, ...context }: RecoveryRequestFiledProps & EmailContext) {
  const { t, format, appUrl, notMeLink } = context;
  return (
    <EmailLayout {...context} preview={t("recoveryRequestFiled.preview")} heading={t("recoveryRequestFiled.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("recoveryRequestFiled.body", { when: format.dateTime(filedAt), contactEmail })}</Paragraph>
      <Paragraph>{t("recoveryRequestFiled.next")}</Paragraph>
      <Paragraph>{t("recoveryRequestFiled.neverAsk")}</Paragraph>
      {/* The account's copy ends with its own "This wasn't me" link instead (EmailLayout). */}
      {!notMeLink && <Paragraph>{t.rich("recoveryRequestFiled.notYou", linkTo(`${appUrl}/forgot-password`))}</Paragraph>}
    </EmailLayout>
  );
}

export const recoveryRequestFiled = defineEmailTemplate<RecoveryRequestFiledProps>({
  subject: (_props, { t }) => t("recoveryRequestFiled.subject"),
  Component: RecoveryRequestFiled,
});
