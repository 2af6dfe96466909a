import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, IfThisWasNotYou, Paragraph } from "./layout";

export type AuthenticatorReenrolledProps = { name?: string };

/** A new authenticator replaces the old one: whoever holds it now controls the second factor. */
function AuthenticatorReenrolled({ appUrl, name }: AuthenticatorReenrolledProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="Your authenticator app was replaced" heading="Your authenticator app was replaced">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        A new authenticator app was just set up for your Tessera account. Codes from the previous one no longer work.
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const authenticatorReenrolled = defineEmailTemplate<AuthenticatorReenrolledProps>({
  subject: () => "A new authenticator app was set up for your Tessera account",
  Component: AuthenticatorReenrolled,
});
