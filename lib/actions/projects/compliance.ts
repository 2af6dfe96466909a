"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { message } from "@/lib/i18n/message";
import { sendReminder, sendReminders } from "@/lib/projects/reminders";
import { projectId } from "@/lib/projects/schemas";

const memberId = z.uuid("validation.invalid");

/** "Send reminder" to one member who does not comply: owners and admins, once per member per day. */
export const sendReminderAction = defineAction({
  access: "signed_in",
  project: "admin",
  input: z.object({ projectId, userId: memberId }),
  run: async ({ projectId, userId }, { session, request }) => {
    const { name } = await sendReminder({ userId: session.userId, sessionId: session.id }, projectId, userId, request);
    revalidatePath(`/projects/${projectId}/compliance`);
    return { ok: true, message: message("projectCompliance.done.sent", { name }) };
  },
});

/** "Send reminder to all not compliant": each one not reminded in the last day. */
export const sendRemindersAction = defineAction({
  access: "signed_in",
  project: "admin",
  input: z.object({ projectId }),
  run: async ({ projectId }, { session, request }) => {
    const { sent } = await sendReminders({ userId: session.userId, sessionId: session.id }, projectId, request);
    revalidatePath(`/projects/${projectId}/compliance`);
    return { ok: true, message: message("projectCompliance.done.sentAll", { count: sent }) };
  },
});
