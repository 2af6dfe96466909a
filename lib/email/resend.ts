import { Resend } from "resend";
import { EmailError } from "./errors";
import type { RenderedEmail } from "./render-email";

/** A provider that never answers must not hang the request that triggered the email. */
const TIMEOUT_MS = 15_000;

/**
 * Sends through Resend and returns its email id. The SDK reports failures (HTTP errors and
 * network errors alike) as `{ error }` rather than throwing, so we turn that into EmailError.
 * A client is built per call so RESEND_BASE_URL, which the SDK reads at construction, is current.
 */
export async function sendWithResend(
  apiKey: string,
  email: RenderedEmail & { from: string; to: string },
): Promise<string> {
  const resend = new Resend(apiKey);
  const { data, error } = await resend.emails.send(
    { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
    { signal: AbortSignal.timeout(TIMEOUT_MS) },
  );
  if (error) {
    throw new EmailError("EMAIL_DELIVERY_FAILED", `Resend did not accept the email: ${error.message}`, {
      status: error.statusCode,
      name: error.name,
    });
  }
  return data.id;
}
