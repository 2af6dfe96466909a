import { AppError } from "@/lib/errors";
import type { PhoneCodeSent } from "@/lib/mfa/phone-codes";
import type { PhoneChannel } from "@/lib/sms";
import { fromAppError, type FormState } from "./form-state";

/** What a "send me a code" button learns: how it went, and when the next code may be asked for. */
export type PhoneSendState = FormState & { channel?: PhoneChannel; retryAt?: string };

/**
 * A send's outcome as form state. A throttled send is a refusal with the time the person may
 * ask again (the form counts down to it); other failures pass on to the action's guard.
 */
export async function phoneSendState(channel: PhoneChannel, send: () => Promise<PhoneCodeSent>): Promise<PhoneSendState> {
  try {
    const { retryAt } = await send();
    return { ok: true, channel, retryAt: retryAt.toISOString() };
  } catch (error) {
    if (error instanceof AppError && error.code === "send_throttled") return { ...fromAppError(error), channel, retryAt: error.details.retryAt?.toISOString() };
    throw error;
  }
}
