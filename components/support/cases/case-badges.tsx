import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/card";
import type { SupportCaseKind, SupportCaseState } from "@/lib/db/generated/enums";

/** A case's state in words that fit its kind: an approved "This wasn't me" report reads "Action taken". */
export async function caseStateLabel(kind: SupportCaseKind, state: SupportCaseState): Promise<string> {
  const t = await getTranslations("supportCases.state");
  return state === "open" ? t("open") : t(`${kind}.${state}`);
}

export async function CaseStateBadge({ kind, state }: { kind: SupportCaseKind; state: SupportCaseState }) {
  const tone = state === "open" ? "amber" : state === "approved" ? "green" : "slate";
  return <Badge tone={tone}>{await caseStateLabel(kind, state)}</Badge>;
}
