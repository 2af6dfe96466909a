import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");

/** The project's own TypeScript sources under `dirs` (no tests, no generated code), with their text. */
export function sourceFiles(dirs: string[]): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (["node_modules", ".next", "generated", ".data"].includes(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !/\.(test|spec)\./.test(entry.name)) found.push({ file: path.relative(ROOT, full), text: readFileSync(full, "utf8") });
    }
  };
  for (const dir of dirs) walk(path.join(ROOT, dir));
  return found;
}
