import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, linkTo, Paragraph } from "./layout";

export type SignUpAttemptedProps = { name?: string };

/**
 * Sent instead of an error on the sign-up page, so the page never tells a stranger that this
 * address has an account; only the owner learns it, here.
 */
function SignUpAttempted({ name, ...context }: SignUpAttemptedProps & EmailContext) {
  const { t, appUrl } = context;
  return (
    <EmailLayout {...context} preview={t("signUpAttempted.preview")} heading={t("signUpAttempted.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("signUpAttempted.body")}</Paragraph>
      <Paragraph>{t.rich("signUpAttempted.signIn", linkTo(`${appUrl}/sign-in`))}</Paragraph>
      <Paragraph>{t("signUpAttempted.ignore")}</Paragraph>
    </EmailLayout>
  );
}

export const signUpAttempted = defineEmailTemplate<SignUpAttemptedProps>({
  subject: (_props, { t }) => t("signUpAttempted.subject"),
  Component: SignUpAttempted,
});
