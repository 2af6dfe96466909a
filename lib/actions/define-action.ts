import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getPendingSession, requireSession, getSession, type ActiveSession, type PendingSession } from "@/lib/auth/session";
import { requireSupportAccess } from "@/lib/support/support-access";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { requireProjectAccess, requireProjectMembership, type ProjectAccess } from "@/lib/projects/access";
import { isSupportAdmin } from "@/lib/auth/roles";
import { SecretBoxError } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { currentRequestContext } from "@/lib/http/context";
import type { RequestContext } from "@/lib/http/request-context";
import { hasSudo, sudoMethodFor } from "@/lib/policy";
import { failed, formObject, fromAppError, invalid, type FormState } from "./form-state";

/**
 * Who may call an action: anyone, a sign-in waiting for its second step, a signed-in person,
 * support staff (with a real second factor), a support admin. Project roles come later.
 */
export type Access = "public" | "pending" | "signed_in" | "support" | "support_admin";

type SessionFor<A extends Access> = A extends "public" ? ActiveSession | null : A extends "pending" ? PendingSession : ActiveSession;

export type ActionContext<A extends Access> = {
  session: SessionFor<A>;
  request: RequestContext;
  /** For a project-scoped action: the caller's membership, checked against the project's 2FA policy (unless `projectAccess: "membership"`). */
  project: ProjectAccess | null;
};

type Input<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ActionSpec<A extends Access, S extends z.ZodType | undefined, R extends FormState> = {
  access: A;
  /** The form's schema (shared with the form where it has one). Its messages are message keys. */
  input?: S;
  /** Sudo mode (a recent verification) before `run`, for signed-in callers only; a function decides from the input. */
  sudo?: A extends "public" | "pending" ? never : boolean | ((input: Input<S>) => boolean);
  /**
   * A project-scoped action: the form carries `projectId`, and before anything else the caller
   * must be a member with at least this role whose access the project's 2FA policy allows
   * (lib/projects/access.ts, the same check every project page and API route makes).
   */
  project?: A extends "signed_in" ? ProjectRole : never;
  /**
   * With `project`: "membership" checks membership and role but not the project's 2FA verdict
   * (requireProjectMembership). Only for an action that reveals nothing of the project and that a
   * blocked member must still reach: leaving it. A test allows exactly the actions it names
   * (lib/projects/enforcement-coverage.test.ts).
   */
  projectAccess?: A extends "signed_in" ? "membership" : never;
  /** The one domain call. Failures are thrown as AppError; a redirect passes through. */
  run: (input: Input<S>, context: ActionContext<A>) => Promise<R>;
};

/**
 * A server action as forms and buttons call it: `(previous, formData)` from useActionState,
 * `(formData)` or `()` from a button. The FormData is always the last argument (proxy.ts
 * refuses other calls).
 */
export type ServerAction<R extends FormState> = (previousOrForm?: ActionState<R> | FormData, formData?: FormData) => Promise<ActionState<R>>;

/** What an action answers: any form state (a refusal), with the extra fields its success may carry. */
export type ActionState<R extends FormState> = [R] extends [never] ? FormState : FormState & Partial<Omit<R, keyof FormState>>;

/**
 * The one guarded path of every server action (and, later, every REST route): access, then the
 * schema, then sudo, then one domain function; every failure becomes a message code here. A test
 * (lib/actions/define-action.test.ts) fails when an exported server action does not come from it.
 */
export function defineAction<A extends Access, S extends z.ZodType | undefined, R extends FormState>(spec: ActionSpec<A, S, R>): ServerAction<R> {
  const run = guardedRun(spec);
  const action = async (...args: unknown[]): Promise<FormState> => run(args.at(-1));
  guarded.add(action);
  specs.set(action, spec as ActionSpec<Access, z.ZodType | undefined, FormState>);
  return action as ServerAction<R>;
}

/**
 * The guarded path itself, for a server action's arguments or a form route's body
 * (lib/actions/define-form-route.ts): the submitted FormData in, form state out.
 */
export function guardedRun<A extends Access, S extends z.ZodType | undefined, R extends FormState>(spec: ActionSpec<A, S, R>) {
  return async (formData: unknown): Promise<FormState> => {
    try {
      const session = await sessionFor(spec.access);
      if ("refused" in session) return session.refused;
      // Membership and the project's policy before the schema: a stranger learns nothing from validation.
      const projectId = String(formObject(formData).projectId ?? "");
      const checkProject = spec.projectAccess === "membership" ? requireProjectMembership : requireProjectAccess;
      const project = spec.project ? await checkProject(projectId, spec.project) : null;
      let input = undefined as Input<S>;
      if (spec.input) {
        const parsed = spec.input.safeParse(formObject(formData));
        if (!parsed.success) return invalid(parsed.error);
        input = parsed.data as Input<S>;
      }
      const sudo = spec.sudo as boolean | ((input: Input<S>) => boolean) | undefined;
      const needsSudo = typeof sudo === "function" ? sudo(input) : sudo === true;
      if (needsSudo) {
        const active = session.value as ActiveSession;
        if (!hasSudo(active)) return { ...failed("sudo_required"), sudo: await sudoMethodFor(active.userId) };
      }
      return await spec.run(input, { session: session.value as SessionFor<A>, request: await currentRequestContext(), project });
    } catch (error) {
      return fromError(error);
    }
  };
}

/**
 * An action a plain <form action> posts and whose answer no page reads (sign out, the public
 * language switcher): the same guarded path, typed the way React's form prop wants it. Such a
 * form cannot show a refusal, so a refusal is thrown and the error page says so: a sign-out
 * that failed must never look like one that worked.
 */
export function definePostAction<A extends Access, S extends z.ZodType | undefined>(spec: ActionSpec<A, S, FormState>) {
  const inner = defineAction(spec);
  const action = async (formData: FormData): Promise<void> => {
    const state = await inner(formData);
    if (state.code) throw new Error(`The action was refused: ${state.code}`);
  };
  guarded.add(action);
  specs.set(action, spec);
  return action;
}

/** Every action and form route made here, so a test can tell a guarded export from a hand-written one. */
const guarded = new WeakSet<object>();
/** Each action's spec, so tests can list what an action requires (the project authorisation matrix). */
const specs = new WeakMap<object, ActionSpec<Access, z.ZodType | undefined, FormState>>();
export const actionSpecOf = (value: unknown) => (typeof value === "function" ? specs.get(value) : undefined);
export const markGuarded = (value: object) => void guarded.add(value);
export const isGuardedAction = (value: unknown) => typeof value === "function" && guarded.has(value);

async function sessionFor(access: Access): Promise<{ value: ActiveSession | PendingSession | null } | { refused: FormState }> {
  switch (access) {
    case "public":
      return { value: await getSession() };
    case "pending": {
      const pending = await getPendingSession();
      return pending ? { value: pending } : { refused: failed("sign_in_expired") };
    }
    case "signed_in":
      return { value: await requireSession() };
    case "support":
    case "support_admin": {
      const session = await requireSession();
      await requireSupportAccess(session.userId);
      if (access === "support_admin" && !isSupportAdmin(session.user.role)) throw new AppError("forbidden");
      return { value: session };
    }
  }
}

/**
 * Any thrown failure as form state: typed errors become their message code, Next's redirects
 * pass through, an unreadable secret (ENCRYPTION_KEY changed) says so, anything else is logged
 * and shown as our failure, never a 500 (rule 9).
 */
export function fromError(error: unknown): FormState {
  unstable_rethrow(error);
  if (error instanceof AppError) return fromAppError(error);
  if (error instanceof SecretBoxError) {
    console.error("A stored secret could not be opened (was ENCRYPTION_KEY changed?):", error.reason);
    return failed("secret_unreadable");
  }
  console.error("Unexpected error in a server action:", error);
  return failed("unexpected");
}
