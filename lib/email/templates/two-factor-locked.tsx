import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type TwoFactorLockedProps = { name?: string; until: Date };

function TwoFactorLocked({ name, until, ...context }: TwoFactorLockedProps & EmailContext) {
  const { t, format } = context;
  const when = format.dateTime(until);
  return (
    <EmailLayout {...context} preview={t("twoFactorLocked.preview", { when })} heading={t("twoFactorLocked.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{t("twoFactorLocked.body", { when })}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const twoFactorLocked = defineEmailTemplate<TwoFactorLockedProps>({
  subject: (_props, { t }) => t("twoFactorLocked.subject"),
  Component: TwoFactorLocked,
});
