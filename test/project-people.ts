import { db } from "@/lib/db";
import type { FactorType, ProjectRole, TwoFactorLevel } from "@/lib/db/generated/enums";
import { createUser } from "./factories";

/**
 * People and projects for project tests, written straight into the database (no enrolment
 * ceremony, no password check): what the access check reads is the rows, and a matrix of
 * hundreds of calls must stay fast on PGlite.
 */
export type Person = { userId: string; email: string; name: string; sessionId: string };

const HOUR = 3_600_000;

export type PersonSetup = {
  /** Active factors (no secrets: nothing here checks a code). */
  factors?: FactorType[];
  /** The person's own level; with factors, Every login unless said. */
  level?: TwoFactorLevel;
  /** How the session last passed a factor (Session.factorMethod); null: never. Default: the first factor, if any. */
  passed?: string | null;
  /** Sudo mode (a verification just now). Default true. */
  sudo?: boolean;
  now?: Date;
};

/** A signed-in person with one live session, set up as `setup` says. */
export async function seedPerson(setup: PersonSetup = {}): Promise<Person> {
  const now = setup.now ?? new Date();
  const factors = setup.factors ?? [];
  const user = await createUser();
  if (factors.length > 0) {
    await db.twoFactorFactor.createMany({
      data: factors.map((type) => ({ userId: user.id, type, status: "active" as const, confirmedAt: now, createdAt: now, ...(type === "webauthn" ? { name: "Key" } : {}) })),
    });
  }
  const level = setup.level ?? (factors.length > 0 ? "every_login" : "disabled");
  if (level !== "disabled") await db.user.update({ where: { id: user.id }, data: { twoFactorLevel: level, twoFactorChangedAt: now, lastFactorType: factors[0] ?? null } });
  const passed = setup.passed === undefined ? (factors[0] ?? null) : setup.passed;
  const session = await db.session.create({
    data: {
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 12 * HOUR),
      verifiedAt: setup.sudo === false ? null : now,
      verifiedMethod: setup.sudo === false ? null : (passed ?? "password"),
      factorVerifiedAt: passed ? now : null,
      factorMethod: passed,
      ip: "127.0.0.1",
      userAgent: "vitest",
    },
  });
  return { userId: user.id, email: user.email, name: user.name, sessionId: session.id };
}

export type ProjectSetup = {
  name?: string;
  requiredLevel?: TwoFactorLevel;
  secureMethodsOnly?: boolean;
  graceEndsAt?: Date | null;
  members: { person: Pick<Person, "userId">; role: ProjectRole; exemptUntil?: Date | null }[];
};

export async function seedProject(setup: ProjectSetup) {
  return db.project.create({
    data: {
      name: setup.name ?? `Project ${Math.random().toString(36).slice(2, 8)}`,
      requiredLevel: setup.requiredLevel ?? "disabled",
      secureMethodsOnly: setup.secureMethodsOnly ?? false,
      graceEndsAt: setup.graceEndsAt ?? null,
      members: { create: setup.members.map(({ person, role, exemptUntil }) => ({ userId: person.userId, role, exemptUntil: exemptUntil ?? null })) },
    },
  });
}
