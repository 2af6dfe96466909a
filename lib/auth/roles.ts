import type { Role } from "@/lib/db/generated/enums";

export function isSupportStaff(role: Role): boolean {
  return role === "support" || role === "support_admin";
}

export function isSupportAdmin(role: Role): boolean {
  return role === "support_admin";
}
