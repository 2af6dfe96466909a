import { z } from "zod";
import { getEnv } from "@/lib/env";
import { EmailError } from "./errors";
import { writeOutboxMessage } from "./outbox";
import { renderEmail } from "./render-email";
import { sendWithResend } from "./resend";
import type { EmailMessage } from "./templates";

export type SendEmailResult = { via: "resend" | "outbox"; id: string };

const recipient = z.email();

let warnedNoProvider = false;

/**
 * Renders and sends one email. With RESEND_API_KEY it goes through Resend and any refusal throws
 * EmailError. Without it the email is written to the outbox in every mode. Production without a
 * key is allowed on purpose: operators may run Tessera without outgoing mail (for example behind
 * an air gap) and still read codes from the database; failing there would lock everyone out of
 * email-based steps. It is not silent: a warning is logged once per process.
 */
export async function sendEmail(message: EmailMessage): Promise<SendEmailResult> {
  const parsed = recipient.safeParse(message.to.trim());
  if (!parsed.success) {
    throw new EmailError("EMAIL_INVALID_RECIPIENT", "The recipient is not a single valid email address.");
  }
  const to = parsed.data;
  const env = getEnv();
  const email = await renderEmail(message, env.APP_URL);

  if (env.RESEND_API_KEY) {
    const id = await sendWithResend(env.RESEND_API_KEY, { ...email, from: env.EMAIL_FROM, to });
    return { via: "resend", id };
  }
  if (env.APP_ENV === "production" && !warnedNoProvider) {
    warnedNoProvider = true;
    console.warn(
      "[email] RESEND_API_KEY is not set: emails are NOT delivered, only stored in the OutboxMessage table. " +
        "Set RESEND_API_KEY to send mail.",
    );
  }
  const row = await writeOutboxMessage({ channel: "email", to, ...email });
  return { via: "outbox", id: row.id };
}
