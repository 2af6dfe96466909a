import { z } from "zod";
import { getEnv } from "@/lib/env";
import { EmailError } from "./errors";
import { writeOutboxMessage } from "./outbox";
import { localeForAddress } from "./recipient-locale";
import { renderEmail } from "./render-email";
import { sendWithResend } from "./resend";
import { sendWithSmtp } from "./smtp";
import type { EmailMessage } from "./templates";

export type SendEmailResult = { via: "resend" | "smtp" | "outbox"; id: string };

const recipient = z.email();

/**
 * Renders and sends one email: through Resend with RESEND_API_KEY, else through SMTP_URL (an
 * air-gapped site's own mail server), and any refusal throws EmailError. With neither the email
 * is written to the outbox, which only development and tests can reach: lib/env.ts refuses to
 * start production without a provider, because the outbox keeps live sign-in codes and links
 * readable in the database.
 *
 * The email is in the recipient's language: the message's `locale` when the caller knows it,
 * else that of the account the address belongs to (localeForAddress).
 */
export async function sendEmail(message: EmailMessage): Promise<SendEmailResult> {
  const parsed = recipient.safeParse(message.to.trim());
  if (!parsed.success) {
    throw new EmailError("EMAIL_INVALID_RECIPIENT", "The recipient is not a single valid email address.");
  }
  const to = parsed.data;
  const env = getEnv();
  const locale = message.locale ?? (await localeForAddress(to));
  const email = await renderEmail({ ...message, locale }, env.APP_URL);

  if (env.RESEND_API_KEY) {
    const id = await sendWithResend(env.RESEND_API_KEY, { ...email, from: env.EMAIL_FROM, to });
    return { via: "resend", id };
  }
  if (env.SMTP_URL) {
    const id = await sendWithSmtp(env.SMTP_URL, { ...email, from: env.EMAIL_FROM, to });
    return { via: "smtp", id };
  }
  const row = await writeOutboxMessage({ channel: "email", to, ...email });
  return { via: "outbox", id: row.id };
}
