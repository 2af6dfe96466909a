import type { FormState } from "./form-state";

/** Kept apart from form-state.ts so client components do not pull in server-only imports. */
export const initialFormState: FormState = {};
