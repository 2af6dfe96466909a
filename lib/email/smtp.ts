import nodemailer from "nodemailer";
import { EmailError } from "./errors";
import type { RenderedEmail } from "./render-email";

/** A mail server that never answers must not hang the request that triggered the email. */
const TIMEOUT_MS = 15_000;

/**
 * Sends through the SMTP server SMTP_URL names (smtp://user:pass@host:587, or smtps:// for
 * implicit TLS; nodemailer reads options such as `?requireTLS=true` from the query) and returns
 * the Message-ID. A transport per call: mail is rare, and no idle connection is left open.
 */
export async function sendWithSmtp(url: string, email: RenderedEmail & { from: string; to: string }): Promise<string> {
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    const info = await transport.sendMail({
      from: email.from,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
    });
    return info.messageId;
  } catch (error) {
    const { responseCode, code } = error as { responseCode?: number; code?: string };
    // The server's reply code when it refused, null when it could not be reached at all.
    throw new EmailError("EMAIL_DELIVERY_FAILED", `The SMTP server did not accept the email: ${(error as Error).message}`, {
      status: responseCode ?? null,
      name: code ?? "SMTP_ERROR",
    });
  } finally {
    transport.close();
  }
}
