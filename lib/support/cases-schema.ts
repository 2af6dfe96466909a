import { z } from "zod";
import { caseTextSchema } from "./recovery-request-schema";

export const CASE_NOTE_MIN = 1;
export const CASE_NOTE_MAX = 2000;

/** Approve or Refuse on a case's page (components/support/cases/decide-case-form.tsx), shared with its action. */
export const decideCaseSchema = z.object({
  caseId: z.uuid("validation.invalid"),
  decision: z.enum(["approved", "refused"], "validation.chooseCaseDecision"),
  note: caseTextSchema(CASE_NOTE_MIN, CASE_NOTE_MAX, { short: "validation.enterCaseNote", long: "validation.caseNoteTooLong" }),
});

export type DecideCaseInput = z.output<typeof decideCaseSchema>;

export const CASE_STATES = ["open", "approved", "refused"] as const;
export const CASE_KINDS = ["recovery_request", "not_me_report"] as const;

/** The list's filter from the address bar; anything unknown reads as the default (open cases of both kinds). */
export const caseListFilterSchema = z.object({
  state: z.enum([...CASE_STATES, "all"]).catch("open"),
  kind: z.enum([...CASE_KINDS, "all"]).catch("all"),
  cursor: z.string().max(200).optional().catch(undefined),
});

export type CaseListFilter = z.output<typeof caseListFilterSchema>;
