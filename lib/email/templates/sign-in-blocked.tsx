import { Link } from "@react-email/components";
import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, formatUtc, Paragraph } from "./layout";

export type SignInBlockedProps = { name?: string; until: Date };

function SignInBlocked({ appUrl, name, until }: SignInBlockedProps & EmailContext) {
  const reset = `${appUrl}/forgot-password`;
  return (
    <EmailLayout appUrl={appUrl} preview={`Sign-in with your password is paused until ${formatUtc(until)}`} heading="Sign-in with your password is paused">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        Someone typed a wrong password for your Tessera account several times, so we have paused sign-in with a
        password until {formatUtc(until)}. Your password and your data are unchanged.
      </Paragraph>
      <Paragraph>
        If it was you and you cannot wait, reset your password at <Link href={reset}>{reset}</Link>: a reset works
        at once. If it was not you, nothing needs doing, though a long, unique password keeps guessers out.
      </Paragraph>
    </EmailLayout>
  );
}

export const signInBlocked = defineEmailTemplate<SignInBlockedProps>({
  subject: () => "Sign-in to your Tessera account is paused after wrong passwords",
  Component: SignInBlocked,
});
