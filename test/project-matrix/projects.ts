import type { MatrixRow } from "./types";

export const rows: MatrixRow[] = [
  { action: "renameProjectAction", minimum: "admin", input: (f) => ({ projectId: f.projectId, name: `${f.projectName} renamed` }) },
  { action: "deleteProjectAction", minimum: "owner", input: (f) => ({ projectId: f.projectId, confirmName: f.projectName }) },
];
