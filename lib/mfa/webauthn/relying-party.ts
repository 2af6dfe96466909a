import { getEnv } from "@/lib/env";

export type RelyingParty = { rpID: string; rpName: string; origin: string };

/**
 * Who the security keys are registered with: APP_URL's host name is the relying party ID and
 * its origin the only one accepted, so a key answers for this site alone (a phishing copy at
 * another address gets an answer that does not verify here).
 */
export function relyingParty(appUrl = getEnv().APP_URL): RelyingParty {
  const url = new URL(appUrl);
  return { rpID: url.hostname, rpName: "Tessera", origin: url.origin };
}
