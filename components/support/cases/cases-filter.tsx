import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { CASE_KINDS, CASE_STATES, type CaseListFilter } from "@/lib/support/cases-schema";

const selectClass = "mt-1 block w-full rounded-md border-0 bg-white py-2 pr-8 pl-3 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 sm:w-56";

/** State and kind, as a plain GET form: the filter lives in the address, so a filtered list can be shared and reloaded. */
export async function CasesFilter({ filter }: { filter: CaseListFilter }) {
  const t = await getTranslations("supportCases.filter");
  return (
    <form method="get" action="/support/cases" role="search" aria-label={t("label")} className="mb-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
      <label className="text-sm">
        <span className="block font-medium text-slate-800">{t("state")}</span>
        <select name="state" defaultValue={filter.state} className={selectClass}>
          {[...CASE_STATES, "all" as const].map((state) => (
            <option key={state} value={state}>
              {t(`states.${state}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block font-medium text-slate-800">{t("kind")}</span>
        <select name="kind" defaultValue={filter.kind} className={selectClass}>
          {(["all", ...CASE_KINDS] as const).map((kind) => (
            <option key={kind} value={kind}>
              {t(`kinds.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClass("secondary", "self-start sm:self-auto")}>
        {t("apply")}
      </button>
    </form>
  );
}
