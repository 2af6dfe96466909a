import type { Locale } from "./locales";
import en from "@/messages/en";
import ja from "@/messages/ja";
import de from "@/messages/de";

/** Every string a person reads, per language. English is the source; ja and de have the same keys (lib/i18n/messages.test.ts). */
export const messagesByLocale: Record<Locale, Messages> = { en, ja, de };

export type Messages = typeof en;

type Tree = { [key: string]: unknown };

/**
 * The messages under each of `namespaces` ("security", "auth.language"), and nothing else, for
 * the client components of one part of a page (components/ui/client-messages.tsx).
 */
export function pickMessages(messages: Tree, namespaces: readonly string[]): Tree {
  const picked: Tree = {};
  for (const namespace of namespaces) {
    const path = namespace.split(".");
    let source: unknown = messages;
    for (const key of path) source = (source as Tree | undefined)?.[key];
    if (source === undefined) throw new Error(`No messages under "${namespace}".`);
    let target = picked;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Tree;
    target[path.at(-1)!] = source;
  }
  return picked;
}
