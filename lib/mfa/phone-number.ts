import { parsePhoneNumberFromString, type NumberType } from "libphonenumber-js/max";

export type PhoneNumber = {
  /** E.164, what Twilio dials and what is stored (encrypted). */
  e164: string;
  /** For people: "+81 90 1234 5678". */
  international: string;
  /** The last two digits, for the masked display ("•••• 78") and the audit log. */
  hint: string;
  /** What the number is, as far as the numbering plan tells (mobile, fixed line, both…). */
  type: NumberType;
};

/** Why a typed number was refused: a message key of messages/<locale>/validation.json. */
export type PhoneNumberProblem =
  | "validation.enterPhone"
  | "validation.phoneCountryCode"
  | "validation.phoneInvalid"
  | "validation.phoneNotPersonal"
  | "validation.phoneLandline";

// Numbers that bill the caller (premium, shared cost) or that no person answers: an enrolled one
// would let anyone with a session make Tessera pay for calls (toll fraud), or lock the person out.
const NOT_PERSONAL: ReadonlySet<NumberType> = new Set(["PREMIUM_RATE", "SHARED_COST", "TOLL_FREE", "UAN", "VOICEMAIL", "PAGER"]);

const MAX_INPUT = 40;

/**
 * Reads a number typed in international format ("+81 90-1234-5678", "+49 151 23456789",
 * "+1 (415) 555-2671"; "00" for "+" as dialled in most of the world) and validates it against
 * the full numbering plan. A national number without its country code is refused rather than
 * guessed: Tessera serves people in several countries, and a guessed country would send codes
 * to someone else's phone. A fixed line cannot receive texts, so with `channel` "sms" it is
 * refused too (a call works).
 */
export function parsePhoneNumber(input: string, channel?: "sms" | "voice"): { ok: true; phone: PhoneNumber } | { ok: false; problem: PhoneNumberProblem } {
  const typed = input.normalize("NFKC").trim();
  if (!typed) return { ok: false, problem: "validation.enterPhone" };
  if (typed.length > MAX_INPUT) return { ok: false, problem: "validation.phoneInvalid" };
  const international = typed.startsWith("00") ? `+${typed.slice(2)}` : typed;
  if (!international.startsWith("+")) return { ok: false, problem: "validation.phoneCountryCode" };
  const parsed = parsePhoneNumberFromString(international);
  if (!parsed || !parsed.isValid()) return { ok: false, problem: "validation.phoneInvalid" };
  const type = parsed.getType() ?? "FIXED_LINE_OR_MOBILE";
  if (NOT_PERSONAL.has(type)) return { ok: false, problem: "validation.phoneNotPersonal" };
  if (channel === "sms" && type === "FIXED_LINE") return { ok: false, problem: "validation.phoneLandline" };
  return { ok: true, phone: { e164: parsed.number, international: parsed.formatInternational(), hint: parsed.nationalNumber.slice(-2), type } };
}

/** A stored E.164 number, formatted for people. */
export function formatPhoneNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
