"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { message } from "@/lib/i18n/message";
import { createProject, deleteProject, renameProject } from "@/lib/projects/projects";
import { createProjectInput, deleteProjectInput, renameProjectInput } from "@/lib/projects/schemas";

/** New project: anyone signed in; its creator owns it and lands on it. */
export const createProjectAction = defineAction({
  access: "signed_in",
  input: createProjectInput,
  run: async ({ name }, { session, request }) => {
    const project = await createProject({ userId: session.userId, sessionId: session.id }, name, request);
    revalidatePath("/", "layout");
    redirect(`/projects/${project.id}`);
  },
});

/** Rename: owners and admins, in sudo mode. */
export const renameProjectAction = defineAction({
  access: "signed_in",
  project: "admin",
  sudo: true,
  input: renameProjectInput,
  run: async ({ projectId, name }, { session, request }) => {
    await renameProject({ userId: session.userId, sessionId: session.id }, projectId, name, request);
    revalidatePath("/", "layout");
    return { ok: true, message: message("projects.done.renamed") };
  },
});

/** Delete: owners, in sudo mode, typing the project's name. */
export const deleteProjectAction = defineAction({
  access: "signed_in",
  project: "owner",
  sudo: true,
  input: deleteProjectInput,
  run: async ({ projectId, confirmName }, { session, request }) => {
    await deleteProject({ userId: session.userId, sessionId: session.id }, projectId, confirmName, request);
    revalidatePath("/", "layout");
    redirect("/projects?deleted=1");
  },
});
