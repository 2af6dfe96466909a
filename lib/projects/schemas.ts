import { z } from "zod";
import { isPlainText } from "@/lib/validation/plain-text";
import { PROJECT_NAME_MAX } from "@/lib/policy/project";

/** The forms' schemas, shared by the forms and their actions. Messages are message keys. */
export const projectId = z.uuid("validation.invalid");
export const projectName = z
  .string()
  .trim()
  .min(1, "validation.enterProjectName")
  .max(PROJECT_NAME_MAX, "validation.nameTooLong")
  .refine(isPlainText, "validation.textInvalid");

export const createProjectInput = z.object({ name: projectName });
export const renameProjectInput = z.object({ projectId, name: projectName });
export const deleteProjectInput = z.object({ projectId, confirmName: z.string().max(PROJECT_NAME_MAX * 4, "validation.invalid") });

/** A project form's page for a form route's refusal: only a well-formed project id is put in the path. */
export function projectFormPage(form: FormData, suffix = ""): string {
  const id = projectId.safeParse(form.get("projectId"));
  return id.success ? `/projects/${id.data}${suffix}` : "/projects";
}
