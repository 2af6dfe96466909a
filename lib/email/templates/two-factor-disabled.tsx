import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, IfThisWasNotYou, Paragraph } from "./layout";

export type TwoFactorDisabledProps = { name?: string };

function TwoFactorDisabled({ appUrl, name }: TwoFactorDisabledProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="Two-factor authentication is now off" heading="Two-factor authentication is off">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        Two-factor authentication was just turned off for your Tessera account. Signing in now needs only
        your password, and projects that require two-factor authentication will ask you to turn it back on.
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const twoFactorDisabled = defineEmailTemplate<TwoFactorDisabledProps>({
  subject: () => "Two-factor authentication was turned off for your Tessera account",
  Component: TwoFactorDisabled,
});
