import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, formatUtc, IfThisWasNotYou, Paragraph } from "./layout";

export type NewSignInProps = { name?: string; at: Date; browser: string; ip?: string | null };

function NewSignIn({ appUrl, name, at, browser, ip }: NewSignInProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview={`New sign-in from ${browser}`} heading="New sign-in to your account">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        Your Tessera account was signed in to from a browser we have not seen before: {browser}
        {ip ? `, address ${ip}` : ""}, on {formatUtc(at)}. If that was you, you can ignore this email.
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const newSignIn = defineEmailTemplate<NewSignInProps>({
  subject: () => "New sign-in to your Tessera account",
  Component: NewSignIn,
});
