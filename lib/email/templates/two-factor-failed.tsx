import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, formatUtc, IfThisWasNotYou, Paragraph } from "./layout";

export type TwoFactorFailedProps = { name?: string; at: Date; ip?: string | null };

function TwoFactorFailed({ appUrl, name, at, ip }: TwoFactorFailedProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="A wrong two-factor code was entered after your password" heading="A wrong two-factor code was entered">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        On {formatUtc(at)}{ip ? ` from ${ip}` : ""}, someone entered your Tessera password correctly and then a wrong
        two-factor code. If that was you, you can ignore this email.
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const twoFactorFailed = defineEmailTemplate<TwoFactorFailedProps>({
  subject: () => "A wrong two-factor code was entered for your Tessera account",
  Component: TwoFactorFailed,
});
