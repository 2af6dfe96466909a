import { POLICY_VALUES } from "@/lib/policy/limits";

/**
 * What a server action or domain function hands to the person: a message key with its values,
 * never a sentence. The words live in messages/<locale>/*.json and are chosen where the page
 * renders (components/ui/message-text.ts), in the viewer's language.
 */
export type MessageValues = Record<string, string | number>;
export type Message = { key: string; values?: MessageValues };

/** A message with the policy's numbers filled in ("It works for {resetMinutes} minutes"), then `values`. */
export function message(key: string, values?: MessageValues): Message {
  return { key, values: { ...POLICY_VALUES, ...values } };
}

/** What an action says when it worked: a key of messages/<locale>/notices.json. */
export const notice = (key: `notices.${string}`, values?: MessageValues) => message(key, values);
