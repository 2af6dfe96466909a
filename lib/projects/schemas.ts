import { z } from "zod";
import { PROJECT_NAME_MAX } from "@/lib/policy/project";

/** The forms' schemas, shared by the forms and their actions. Messages are message keys. */
export const projectId = z.uuid("validation.invalid");
export const projectName = z.string().trim().min(1, "validation.enterProjectName").max(PROJECT_NAME_MAX, "validation.nameTooLong");

export const createProjectInput = z.object({ name: projectName });
export const renameProjectInput = z.object({ projectId, name: projectName });
export const deleteProjectInput = z.object({ projectId, confirmName: z.string().max(PROJECT_NAME_MAX * 4, "validation.invalid") });
