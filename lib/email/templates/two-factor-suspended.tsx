import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, IfThisWasNotYou, Paragraph } from "./layout";

export type TwoFactorSuspendedProps = { name?: string; failures: number };

function TwoFactorSuspended({ appUrl, name, failures }: TwoFactorSuspendedProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="Your authenticator no longer signs in: use a recovery code" heading="Your second factor is suspended">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        There have been {failures} wrong two-factor codes in a row for your Tessera account. To stop anyone guessing,
        codes from your authenticator app and emailed codes no longer sign in. Sign in with one of your recovery
        codes to restore them, or ask your Tessera administrator for help.
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const twoFactorSuspended = defineEmailTemplate<TwoFactorSuspendedProps>({
  subject: () => "Two-factor sign-in to your Tessera account is suspended",
  Component: TwoFactorSuspended,
});
