import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, IfThisWasNotYou, Paragraph } from "./layout";

export type EmailLoginDisabledProps = { name?: string };

function EmailLoginDisabled({ appUrl, name }: EmailLoginDisabledProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="Email login verification is now off" heading="Email login verification is off">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        Email login verification was just turned off for your Tessera account. Signing in no longer asks for a code
        sent to this address.
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const emailLoginDisabled = defineEmailTemplate<EmailLoginDisabledProps>({
  subject: () => "Email login verification was turned off for your Tessera account",
  Component: EmailLoginDisabled,
});
