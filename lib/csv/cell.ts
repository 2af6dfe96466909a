/**
 * One CSV cell. Anything a spreadsheet would read as a formula (= + - @, and a leading tab or
 * carriage return, OWASP's list) gets a leading apostrophe: names and metadata are chosen by
 * people, and whoever opens the file must not run what they say. Then RFC 4180 quoting.
 */
export function csvCell(value: string): string {
  if (value === "") return value;
  const first = value.charCodeAt(0);
  // = + - @ TAB CR
  const safe = first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13 ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(QUOTE, '""')}"` : safe;
}

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;
