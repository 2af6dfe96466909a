"use client";

import type { FormState, SudoMethod } from "@/lib/actions/form-state";
import { finishKeyRegistrationAction, startKeyRegistrationAction, type KeyRegisteredState } from "@/lib/actions/security/security-keys";
import { message } from "@/lib/i18n/message";
import { browserErrorKey, loadWebAuthnBrowser } from "./webauthn-browser";

export const preloadWebAuthnBrowser = () => void loadWebAuthnBrowser().catch(() => undefined);

export type RegistrationOutcome =
  | { kind: "sudo"; method: SudoMethod }
  | { kind: "refused"; state: FormState }
  | { kind: "registered"; state: KeyRegisteredState };

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/**
 * The whole of Register security key after the name: the options (sudo, name checked), the
 * browser's prompt, then the answer posted with the name. Loaded when the person presses the
 * button, with the browser library, so the security page's first load does not carry it.
 */
export async function registerSecurityKey(name: string, onPrompt: () => void): Promise<RegistrationOutcome> {
  const started = await startKeyRegistrationAction(form({ name }));
  if (started.code === "sudo_required" && started.sudo) return { kind: "sudo", method: started.sudo };
  if (!started.ok || !started.options) return { kind: "refused", state: started };
  const browser = await loadWebAuthnBrowser();
  onPrompt();
  const began = Date.now();
  let response;
  try {
    response = await browser.startRegistration({ optionsJSON: started.options });
  } catch (error) {
    return { kind: "refused", state: { message: message(`keys.browser.${browserErrorKey(error, Date.now() - began, started.options.timeout)}`) } };
  }
  const finished = await finishKeyRegistrationAction(form({ name, response: JSON.stringify(response) }));
  if (finished.code === "sudo_required" && finished.sudo) return { kind: "sudo", method: finished.sudo };
  return finished.ok ? { kind: "registered", state: finished } : { kind: "refused", state: finished };
}
