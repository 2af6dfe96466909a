"use client";

import { useId } from "react";
import { useTranslations } from "next-intl";
import type { Message } from "@/lib/i18n/message";
import { useMessageText } from "@/components/ui/message-text";

import type { MemberChoice } from "@/lib/access/member-choices";

export type { MemberChoice };

/**
 * The member an access user is (optional): a select of the project's members. Members already
 * linked to another access user are shown but cannot be chosen (one access user per member).
 */
export function MemberSelect({ members, value = "", errors, self }: { members: MemberChoice[]; value?: string; errors?: Message[]; self?: string }) {
  const t = useTranslations("access.add");
  const text = useMessageText();
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("member")}
      </label>
      <select
        id={id}
        name="memberUserId"
        defaultValue={value}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`}
        className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-invalid:ring-red-500 sm:text-sm"
      >
        <option value="">{t("noMember")}</option>
        {members.map((member) => {
          const taken = member.linkedTo !== null && member.linkedTo !== self;
          return (
            <option key={member.userId} value={member.userId} disabled={taken}>
              {taken ? t("memberTaken", { name: member.name, email: member.email }) : t("memberOption", { name: member.name, email: member.email })}
            </option>
          );
        })}
      </select>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        {t("memberHint")}
      </p>
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.map((error) => text(error)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}
