import { defineEmailTemplate, type EmailContext } from "@/lib/email/template";
import { EmailLayout, IfThisWasNotYou, Paragraph } from "./layout";

export type EmailChangeRequestedProps = { name?: string; newEmail: string };

/** Sent to the current address, which stays in use until the new one is confirmed. */
function EmailChangeRequested({ appUrl, name, newEmail }: EmailChangeRequestedProps & EmailContext) {
  return (
    <EmailLayout appUrl={appUrl} preview="A change of your Tessera email address was requested" heading="Email address change requested">
      <Paragraph>Hi {name ?? "there"},</Paragraph>
      <Paragraph>
        Someone signed in to your Tessera account asked to change its email address to {newEmail}. Nothing has
        changed yet: this address keeps receiving your sign-in codes and security emails until the link sent to{" "}
        {newEmail} is opened.
      </Paragraph>
      <IfThisWasNotYou appUrl={appUrl} />
    </EmailLayout>
  );
}

export const emailChangeRequested = defineEmailTemplate<EmailChangeRequestedProps>({
  subject: () => "A change of your Tessera email address was requested",
  Component: EmailChangeRequested,
});
