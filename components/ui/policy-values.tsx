"use client";

import { createContext, useContext, type ReactNode } from "react";
import { POLICY_VALUES } from "@/lib/policy/limits";

type Values = typeof POLICY_VALUES & { sudoMinutes: number; recoveryCodes: number };

const PolicyValues = createContext<Values | null>(null);

/**
 * The policy's numbers for client components, including the configured ones the browser cannot
 * read itself (SUDO_MINUTES, RECOVERY_CODE_COUNT): the signed-in layout provides them from
 * lib/policy's configuredValues().
 */
export function PolicyValuesProvider({ configured, children }: { configured: { sudoMinutes: number; recoveryCodes: number }; children: ReactNode }) {
  return <PolicyValues.Provider value={{ ...POLICY_VALUES, ...configured }}>{children}</PolicyValues.Provider>;
}

export function usePolicyValues(): Values {
  const values = useContext(PolicyValues);
  if (!values) throw new Error("usePolicyValues needs a PolicyValuesProvider above it (app/(dashboard)/layout.tsx).");
  return values;
}
