/**
 * What goes between sentences in running text: a space in English and German; nothing in
 * Japanese, where 。 ends a sentence and a space after it reads as a mistake.
 */
export const sentenceSpace = (locale: string) => (locale === "ja" ? "" : " ");

/** Sentences shown one after another, in the viewer's language's way. */
export function joinSentences(locale: string, ...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(sentenceSpace(locale));
}
