/**
 * What a server action or domain function hands to the person: a message key with its values,
 * never a sentence. The words live in messages/<locale>/*.json and are chosen where the page
 * renders (components/ui/message-text.ts), in the viewer's language.
 */
export type MessageValues = Record<string, string | number>;
export type Message = { key: string; values?: MessageValues };

export function message(key: string, values?: MessageValues): Message {
  return values ? { key, values } : { key };
}
