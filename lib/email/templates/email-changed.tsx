import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, IfThisWasNotYou, Paragraph } from "./layout";

export type EmailChangedProps = { name?: string; newEmail: string };

/** Sent to the old address, which may be the only one the real owner still reads. */
function EmailChanged({ appUrl, name, newEmail }: EmailChangedProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="Your Tessera email address was changed" heading="Your email address was changed">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        The email address of your Tessera account was changed to {newEmail}. Security emails will go there from now on.
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const emailChanged = defineEmailTemplate<EmailChangedProps>({
  subject: () => "Your Tessera email address was changed",
  Component: EmailChanged,
});
