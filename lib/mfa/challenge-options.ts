import { db } from "@/lib/db";
import { FACTORS, type FactorMethod } from "./factors";

/**
 * One way through a challenge, as the challenge page and the sudo prompt offer it: an
 * authenticator app, the person's security keys (one option, the browser picks the key), a
 * phone number (its usual channel; the number masked), or a recovery code. Plain data, so a
 * client component can hold it.
 */
export type ChallengeOption =
  | { key: "totp"; method: "totp" }
  | { key: "webauthn"; method: "webauthn"; names: string[] }
  | { key: `phone:${string}`; method: "sms" | "voice"; factorId: string; hint: string; fallback: boolean }
  | { key: "recovery_code"; method: "recovery_code" };

export type OptionKey = ChallengeOption["key"];

type FactorRow = { id: string; type: "totp" | "sms" | "voice" | "webauthn"; name: string | null; phoneHint: string | null; fallback: boolean; createdAt: Date };

/**
 * The ways the person can answer, best first: the preferred factor (never a fallback number,
 * GitHub: that one is only for when the others are unavailable), then the rest by strength,
 * fallback numbers after every other factor, a recovery code last. For sudo, a phone is left out
 * when an app or a key could answer (rule 6). Pure, for tests.
 */
export function orderOptions(
  factors: FactorRow[],
  preferredFactorId: string | null,
  purpose: "sign_in" | "sudo",
  hasRecoveryCodes: boolean,
): ChallengeOption[] {
  const strong = factors.some((factor) => factor.type === "totp" || factor.type === "webauthn");
  const options: { option: ChallengeOption; rank: number; factorIds: string[] }[] = [];
  const keys = factors.filter((factor) => factor.type === "webauthn");
  if (keys.length > 0) {
    options.push({ option: { key: "webauthn", method: "webauthn", names: keys.map((key) => key.name ?? "") }, rank: strengthOf("webauthn"), factorIds: keys.map((key) => key.id) });
  }
  const app = factors.find((factor) => factor.type === "totp");
  if (app) options.push({ option: { key: "totp", method: "totp" }, rank: strengthOf("totp"), factorIds: [app.id] });
  for (const phone of factors.filter((factor) => factor.type === "sms" || factor.type === "voice")) {
    if (purpose === "sudo" && strong) continue;
    options.push({
      option: { key: `phone:${phone.id}`, method: phone.type as "sms" | "voice", factorId: phone.id, hint: phone.phoneHint ?? "", fallback: phone.fallback },
      rank: phone.fallback ? -1 : strengthOf(phone.type),
      factorIds: [phone.id],
    });
  }
  const preferred = (entry: (typeof options)[number]) => !!preferredFactorId && entry.rank >= 0 && entry.factorIds.includes(preferredFactorId);
  options.sort((a, b) => Number(preferred(b)) - Number(preferred(a)) || b.rank - a.rank);
  const ordered = options.map((entry) => entry.option);
  return hasRecoveryCodes || ordered.length > 0 ? [...ordered, { key: "recovery_code", method: "recovery_code" }] : ordered;
}

const strengthOf = (method: FactorMethod) => FACTORS[method].strength;

/** The person's options, read in one query (their active factors and whether a recovery code is left). */
export async function listChallengeOptions(userId: string, purpose: "sign_in" | "sudo"): Promise<ChallengeOption[]> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      preferredFactorId: true,
      factors: { where: { status: "active" }, select: { id: true, type: true, name: true, phoneHint: true, fallback: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      recoveryCodes: { where: { usedAt: null }, select: { id: true }, take: 1 },
    },
    relationLoadStrategy: "join",
  });
  if (!user) return [];
  return orderOptions(user.factors, user.preferredFactorId, purpose, user.recoveryCodes.length > 0);
}

/** The option a page shows: the one asked for by key when the person has it, else the first. */
export function pickOption(options: ChallengeOption[], key?: string | null): ChallengeOption | undefined {
  return options.find((option) => option.key === key) ?? options.find((option) => option.method !== "recovery_code") ?? options[0];
}
