import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, formatUtc, IfThisWasNotYou, Paragraph } from "./layout";

export type TwoFactorLockedProps = { name?: string; until: Date };

function TwoFactorLocked({ appUrl, name, until }: TwoFactorLockedProps & EmailContext) {
  const when = formatUtc(until);
  return (
    <EmailLayout appUrl={appUrl} preview={`Two-factor sign-in is paused until ${when}`} heading="Two-factor sign-in is paused">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        There were too many wrong two-factor codes for your Tessera account, so we have paused two-factor
        sign-in until {when}. You can try again after that.
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const twoFactorLocked = defineEmailTemplate<TwoFactorLockedProps>({
  subject: () => "Two-factor sign-in to your Tessera account is paused",
  Component: TwoFactorLocked,
});
