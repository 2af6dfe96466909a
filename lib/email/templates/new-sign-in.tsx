import { describeDevice } from "@/lib/http/user-agent";
import { defineEmailTemplate, type EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

/** The browser is described in the recipient's language from its user agent. */
export type NewSignInProps = { name?: string; at: Date; userAgent: string | null; ip?: string | null };

function NewSignIn({ name, at, userAgent, ip, ...context }: NewSignInProps & EmailContext) {
  const { t, format } = context;
  const browser = describeDevice(t, { userAgent });
  const when = format.dateTime(at);
  return (
    <EmailLayout {...context} preview={t("newSignIn.preview", { browser })} heading={t("newSignIn.heading")}>
      <Greeting t={t} name={name} />
      <Paragraph>{ip ? t("newSignIn.bodyWithIp", { browser, ip, when }) : t("newSignIn.body", { browser, when })}</Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}

export const newSignIn = defineEmailTemplate<NewSignInProps>({
  subject: (_props, { t }) => t("newSignIn.subject"),
  Component: NewSignIn,
});
