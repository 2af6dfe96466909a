import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, IfThisWasNotYou, Paragraph } from "./layout";

export type PasswordChangedProps = { name?: string };

function PasswordChanged({ appUrl, name }: PasswordChangedProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="Your Tessera password was changed" heading="Your password was changed">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>The password for your Tessera account was just changed, and your other sessions were signed out.</Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const passwordChanged = defineEmailTemplate<PasswordChangedProps>({
  subject: () => "Your Tessera password was changed",
  Component: PasswordChanged,
});
