import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, IfThisWasNotYou, Paragraph } from "./layout";

export type TwoFactorEnabledProps = { name?: string };

function TwoFactorEnabled({ appUrl, name }: TwoFactorEnabledProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="Two-factor authentication is now on" heading="Two-factor authentication is on">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        Two-factor authentication was just turned on for your Tessera account. From now on, signing in needs
        your password and a second step. Keep your recovery codes somewhere safe.
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const twoFactorEnabled = defineEmailTemplate<TwoFactorEnabledProps>({
  subject: () => "Two-factor authentication was turned on for your Tessera account",
  Component: TwoFactorEnabled,
});
