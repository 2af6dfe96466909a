import { getEnv, type Env } from "@/lib/env";
import type { TwilioSettings } from "./twilio";

/** Twilio's settings when all three are set (lib/env.ts refuses some without the others). */
export function twilioSettings(env: Env = getEnv()): TwilioSettings | null {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_FROM: from } = env;
  return accountSid && authToken && from ? { accountSid, authToken, from } : null;
}

/**
 * Whether codes can be sent to a phone here: through Twilio, or into the outbox outside
 * production. Production without Twilio offers no phone methods (the outbox would keep live codes
 * readable in the database, and nobody reads it there).
 */
export function phoneDeliveryAvailable(env: Env = getEnv()): boolean {
  return twilioSettings(env) !== null || env.APP_ENV !== "production";
}
