import { Link } from "@react-email/components";
import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, Paragraph } from "./layout";

export type PasswordResetRequiredProps = { name?: string; failures: number };

function PasswordResetRequired({ appUrl, name, failures }: PasswordResetRequiredProps & EmailContext) {
  const reset = `${appUrl}/forgot-password`;
  return (
    <EmailLayout appUrl={appUrl} preview="Reset your password to sign in again" heading="Reset your password to sign in again">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        Your Tessera account has seen {failures} wrong passwords in a row. To stop anyone guessing it, your password
        no longer signs in: choose a new one at <Link href={reset}>{reset}</Link>.
      </Paragraph>
      <Paragraph>If these attempts were not yours, pick a password you use nowhere else.</Paragraph>
    </EmailLayout>
  );
}

export const passwordResetRequired = defineEmailTemplate<PasswordResetRequiredProps>({
  subject: () => "Your Tessera password needs to be reset",
  Component: PasswordResetRequired,
});
