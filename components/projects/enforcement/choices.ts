import type { FactorType } from "@/lib/db/generated/enums";
import type { TwoFactorLevel } from "@/lib/policy/levels";
import { stricterLevel } from "@/lib/policy/levels";
import { passedByPhone, type ProjectPolicy, type SessionProof } from "@/lib/policy/project";
import type { FirstMethod } from "@/components/security/method-chooser";

/**
 * What the enrolment page offers: the app and a key always, a phone only where phones count
 * (never with Secure methods only) and can be reached here (lib/sms phoneDeliveryAvailable);
 * the method used before preselected when it is offered (DESIGN.md: "Re-enabling 2FA
 * preselects the previously used method"), else the app.
 */
export function enrolmentChoices(policy: Pick<ProjectPolicy, "secureMethodsOnly">, lastFactorType: FactorType | null, phoneAvailable: boolean) {
  const methods: FirstMethod[] = ["totp", "webauthn", ...(!policy.secureMethodsOnly && phoneAvailable ? (["phone"] as const) : [])];
  const last: FirstMethod | null = lastFactorType === "sms" || lastFactorType === "voice" ? "phone" : lastFactorType;
  return { methods, preselected: last && methods.includes(last) ? last : "totp" };
}

/** Why the verification page asks: the phone did not count, the level is Every login, or this browser is not trusted. */
export function verifyReason(policy: Pick<ProjectPolicy, "secureMethodsOnly" | "requiredLevel">, memberLevel: TwoFactorLevel, session: SessionProof) {
  if (policy.secureMethodsOnly && passedByPhone(session.factorMethod)) return "secureOnly" as const;
  return stricterLevel(memberLevel, policy.requiredLevel) === "every_login" ? ("everyLogin" as const) : ("oncePerComputer" as const);
}
