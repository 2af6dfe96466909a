import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { AUDIT_TYPES } from "@/lib/audit/catalogue";
import { accountEvents } from "@/lib/audit/events/account";
import { auditLogEvents } from "@/lib/audit/events/audit-log";
import { authEvents } from "@/lib/audit/events/auth";
import { mfaEvents } from "@/lib/audit/events/mfa";
import { projectsEvents } from "@/lib/audit/events/projects";
import { supportCasesEvents } from "@/lib/audit/events/support-cases";
import { supportConsoleEvents } from "@/lib/audit/events/support-console";
import { supportResetEvents } from "@/lib/audit/events/support-reset";
import { auditLabel } from "@/lib/audit/labels";

/** The values as typed (kept on a refusal) and each field's problem, already in words. */
export type SearchValues = Partial<Record<"email" | "projectId" | "type" | "outcome" | "ip" | "from" | "to", string>>;
export type SearchProblems = Partial<Record<keyof SearchValues, string>>;

/** The catalogue's areas, one <optgroup> each (a type no area lists falls under "other"). */
const AREAS = [
  ["account", accountEvents],
  ["auth", authEvents],
  ["mfa", mfaEvents],
  ["projects", projectsEvents],
  ["support", { ...supportResetEvents, ...supportCasesEvents, ...supportConsoleEvents }],
  ["auditLog", auditLogEvents],
] as const;

const input =
  "mt-1 block w-full min-w-0 rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-invalid:ring-red-500";

/**
 * The console's search, a GET form: the URL carries the filter, so a search can be bookmarked,
 * shared with a colleague and exported as it stands. Projects are a list of names while there
 * are few (≤ 200), else a field for the project's ID.
 */
export async function SearchForm({ values, problems, projects }: { values: SearchValues; problems: SearchProblems; projects: { id: string; name: string }[] | null }) {
  const [t, audit] = await Promise.all([getTranslations("support"), getTranslations("audit")]);
  const listed = new Set<string>();
  const groups = AREAS.map(([area, events]) => {
    const types = Object.keys(events).filter((type) => (AUDIT_TYPES as string[]).includes(type));
    types.forEach((type) => listed.add(type));
    return [area, types] as const;
  });
  const other = AUDIT_TYPES.filter((type) => !listed.has(type));
  if (other.length) groups.push(["other" as never, other]);
  const labelled = (types: readonly string[]) => types.map((type) => ({ type, label: auditLabel(audit, type, "success") })).sort((a, b) => a.label.localeCompare(b.label));

  const field = (name: keyof SearchValues, label: string, control: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode) => {
    const id = `audit-${name}`;
    const problem = problems[name];
    return (
      <div className="min-w-0">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        {control({ id, ...(problem ? { "aria-invalid": true, "aria-describedby": `${id}-problem` } : {}) })}
        {problem && (
          <p id={`${id}-problem`} className="mt-1 text-sm text-red-700">
            {problem}
          </p>
        )}
      </div>
    );
  };

  return (
    <form method="get" action="/support" role="search" aria-label={t("search")} className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {field("email", t("fields.email"), (props) => (
        <input {...props} name="email" type="email" autoComplete="off" defaultValue={values.email ?? ""} className={input} />
      ))}
      {projects
        ? field("projectId", t("fields.project"), (props) => (
            <select {...props} name="projectId" defaultValue={values.projectId ?? ""} className={input}>
              <option value="">{t("fields.projectAny")}</option>
              {projects.map((project) => (
                <option key={project.id} value={project.id}>
                  {project.name}
                </option>
              ))}
            </select>
          ))
        : field("projectId", t("fields.projectId"), (props) => (
            <input {...props} name="projectId" type="text" autoComplete="off" spellCheck={false} defaultValue={values.projectId ?? ""} className={`${input} font-mono`} />
          ))}
      {field("type", t("fields.type"), (props) => (
        <select {...props} name="type" defaultValue={values.type ?? ""} className={input}>
          <option value="">{t("fields.typeAny")}</option>
          {groups.map(([area, types]) =>
            types.length ? (
              <optgroup key={area} label={t(`areas.${area}`)}>
                {labelled(types).map(({ type, label }) => (
                  <option key={type} value={type}>
                    {label}
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
        </select>
      ))}
      {field("outcome", t("fields.outcome"), (props) => (
        <select {...props} name="outcome" defaultValue={values.outcome ?? ""} className={input}>
          <option value="">{t("fields.outcomeAny")}</option>
          <option value="success">{t("outcome.success")}</option>
          <option value="failure">{t("outcome.failure")}</option>
        </select>
      ))}
      {field("ip", t("fields.ip"), (props) => (
        <input {...props} name="ip" type="text" inputMode="decimal" autoComplete="off" spellCheck={false} defaultValue={values.ip ?? ""} className={input} />
      ))}
      {field("from", t("fields.from"), (props) => (
        <input {...props} name="from" type="date" defaultValue={values.from ?? ""} className={input} />
      ))}
      {field("to", t("fields.to"), (props) => (
        <input {...props} name="to" type="date" defaultValue={values.to ?? ""} className={input} />
      ))}
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass("primary")}>
          {t("searchButton")}
        </button>
        <a href="/support" className={buttonClass("ghost")}>
          {t("clear")}
        </a>
      </div>
    </form>
  );
}
