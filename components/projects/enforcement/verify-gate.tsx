"use client";

import { useRouter } from "next/navigation";
import { SudoPrompt } from "@/components/security/sudo-prompt";

/**
 * A project's "verify" step: the sudo prompt, whose pass marks this session as having passed a
 * factor now (Session.factorVerifiedAt and factorMethod, lib/mfa/verify-second-factor.ts), with the
 * options it offers for sudo: an app or a key before any phone, and no phone at all beside them
 * (rule 6), so under Secure methods only a text or call is never offered here. Then on to where
 * the member was going, whose page checks the policy again.
 */
export function VerifyGate({ next }: { next: string }) {
  const router = useRouter();
  return <SudoPrompt method="two_factor" onVerified={() => router.replace(next)} onCancel={() => router.push("/projects")} />;
}
