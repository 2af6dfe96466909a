import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, linkTo, Paragraph } from "./layout";

export type SignInBlockedProps = { name?: string; until: Date };

function SignInBlocked({ name, until, ...context }: SignInBlockedProps & EmailContext) {
  const { t, format, appUrl } = context;
  const when = format.dateTime(until);
  return (
    <EmailLayout {...context} preview={t("signInBlocked.preview", { when })} heading={t("signInBlocked.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("signInBlocked.body", { when })}</Paragraph>
      <Paragraph>{t.rich("signInBlocked.reset", linkTo(`${appUrl}/forgot-password`))}</Paragraph>
    </EmailLayout>
  );
}

export const signInBlocked = defineEmailTemplate<SignInBlockedProps>({
  subject: (_props, { t }) => t("signInBlocked.subject"),
  Component: SignInBlocked,
});
