import { defineFormRoute } from "@/lib/actions/define-form-route";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { FactorType } from "@/lib/db/generated/enums";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { setTrustCookie } from "@/lib/http/trust-cookie";
import { passSignInChallenge } from "@/lib/mfa/challenge";
import { FACTOR_METHODS, proofSchema } from "@/lib/mfa/factors";
import { trustComputer } from "@/lib/mfa/trusted-computers";
import { minimumLevelFor, stricterLevel } from "@/lib/policy/levels";

/**
 * The sign-in challenge's Verify (components/auth/challenge-form.tsx): the pending session
 * becomes a signed-in one with a new id, or the failure is counted. A form route, not a server
 * action, so that the answer is a few bytes and the next page renders in its own request.
 */
export const POST = defineFormRoute({
  access: "pending",
  input: proofSchema(FACTOR_METHODS),
  formPage: (form) => {
    if (form.get("method") === "recovery_code") return "/sign-in/verify/recovery";
    const via = form.get("via");
    return typeof via === "string" && /^[\w:-]{1,64}$/.test(via) ? `/sign-in/verify?via=${encodeURIComponent(via)}` : "/sign-in/verify";
  },
  run: async (proof, { session, request }) => {
    const passed = await passSignInChallenge(session, proof, request);
    // The cookie now names the new session; the pending one is already ended.
    await setSessionCookie(passed.sessionId);
    // "Once per computer" (the person's level, or their role's minimum): a passed second factor
    // trusts this browser for 30 days, recording which one (a trust a text earned does not meet
    // Secure methods only). Not a recovery code: it means the factor is lost, so the next sign-in
    // should ask again. The sign-in stands if trusting fails; the next one is simply challenged
    // again.
    const level = stricterLevel(session.user.twoFactorLevel, minimumLevelFor(session.user.role));
    const factor = Object.values(FactorType).find((type) => type === passed.method);
    if (level === "once_per_computer" && factor) {
      await trustComputer(session.userId, factor, request)
        .then(setTrustCookie)
        .catch((error) => console.error("Could not trust this computer after a passed challenge:", error));
    }
    // A recovery code goes to Security (what is left, what to do next); anything else to the page
    // that sent the person to sign in.
    // Support's temporary access code goes to Security too: its banner asks for a new factor.
    if (passed.method === "temporary_access_code") return { ok: true, redirectTo: "/security" };
    return { ok: true, redirectTo: passed.method === "recovery_code" ? `/security?recovered=${passed.recoveryRemaining ?? 0}` : safeRedirectPath(session.returnTo, "/security") };
  },
});
