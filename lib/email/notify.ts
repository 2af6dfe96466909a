import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { recipientLocale } from "@/lib/i18n/locales";
import { sendEmail } from "./send-email";
import type { EmailMessage } from "./templates";

type Notification = { [M in EmailMessage as M["template"]]: Omit<M, "to" | "locale"> }[EmailMessage["template"]];

/**
 * Emails the person about a change to their account, in their language (recipientLocale). A
 * failure to send is not silent: it is logged and written to the audit log, and the change
 * itself stands.
 *
 * `to` overrides the address, e.g. to tell the old address about an email change.
 */
export async function notifyUser(userId: string, notification: Notification, to?: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, locale: true, browserLocale: true } });
  if (!user) return;
  try {
    const props = { name: user.name, ...("props" in notification ? notification.props : {}) };
    await sendEmail({ ...notification, props, to: to ?? user.email, locale: recipientLocale(user) } as EmailMessage);
  } catch (error) {
    console.error(`Could not send the ${notification.template} email:`, error);
    await db.$transaction((tx) =>
      recordAudit(tx, { type: "notification.failed", outcome: "failure", subjectId: userId, metadata: { template: notification.template } }),
    );
  }
}
