import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { sendEmail, type EmailMessage } from "@/lib/email";

type Notification = { [M in EmailMessage as M["template"]]: Omit<M, "to"> }[EmailMessage["template"]];

/**
 * Emails the person about a change to their account's security. A failure to send is not
 * silent: it is logged and written to the audit log, and the change itself stands.
 */
/** `to` overrides the address, e.g. to tell the old address about an email change. */
export async function notifyUser(userId: string, notification: Notification, to?: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true } });
  if (!user) return;
  try {
    const props = { name: user.name, ...("props" in notification ? notification.props : {}) };
    await sendEmail({ ...notification, props, to: to ?? user.email } as EmailMessage);
  } catch (error) {
    console.error(`Could not send the ${notification.template} email:`, error);
    await db.$transaction((tx) =>
      recordAudit(tx, { type: "notification.failed", outcome: "failure", subjectId: userId, metadata: { template: notification.template } }),
    );
  }
}
