import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordAudit, type AuditInput } from "@/lib/audit/record";
import { context, createUser, enrolTotp } from "@/test/factories";
import { chartRange, fillDays, readAuditChart } from "./audit-chart";

const write = (input: AuditInput) => db.$transaction((tx) => recordAudit(tx, input));

describe("the events-per-day chart", { timeout: 60_000 }, () => {
  it("covers the last 30 days by default, the filter's days otherwise, at most 366", () => {
    expect(chartRange({}, "2026-11-26")).toEqual({ from: "2026-10-28", to: "2026-11-26" });
    expect(chartRange({ from: "2026-11-01", to: "2026-11-03" }, "2026-11-26")).toEqual({ from: "2026-11-01", to: "2026-11-03" });
    expect(chartRange({ to: "2026-03-01" }, "2026-11-26")).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(chartRange({ from: "2026-11-20" }, "2026-11-26")).toEqual({ from: "2026-11-20", to: "2026-11-26" });
    expect(chartRange({ from: "2020-01-01", to: "2026-11-26" }, "2026-11-26")).toEqual({ from: "2025-11-26", to: "2026-11-26" });
  });

  it("fills every day, zero where nothing happened", () => {
    expect(fillDays({ from: "2026-02-27", to: "2026-03-01" }, [{ day: "2026-02-28", outcome: "failure", count: 2 }])).toEqual([
      { day: "2026-02-27", success: 0, failure: 0 },
      { day: "2026-02-28", success: 0, failure: 2 },
      { day: "2026-03-01", success: 0, failure: 0 },
    ]);
  });

  it("counts a filter's events per UTC day and outcome", async () => {
    const viewer = await createUser();
    await db.user.update({ where: { id: viewer.id }, data: { role: "support" } });
    await enrolTotp(viewer.id);
    const person = await createUser();
    const at = (day: string, time: string) => new Date(`${day}T${time}Z`);
    await write({ type: "auth.sign_in", actorId: person.id, context, at: at("2092-03-01", "00:00:00.000") });
    await write({ type: "auth.sign_in", actorId: person.id, context, at: at("2092-03-01", "23:59:59.999") });
    await write({ type: "auth.sign_in", outcome: "failure", actorId: person.id, context, at: at("2092-03-01", "12:00:00.000") });
    await write({ type: "auth.sign_in", outcome: "failure", actorId: person.id, context, at: at("2092-03-03", "08:00:00.000") });
    await write({ type: "auth.sign_in", actorId: (await createUser()).id, context, at: at("2092-03-02", "08:00:00.000") });

    const chart = await readAuditChart(viewer.id, { email: person.email, from: "2092-03-01", to: "2092-03-03" });
    expect(chart.days).toEqual([
      { day: "2092-03-01", success: 2, failure: 1 },
      { day: "2092-03-02", success: 0, failure: 0 },
      { day: "2092-03-03", success: 0, failure: 1 },
    ]);
    const failures = await readAuditChart(viewer.id, { email: person.email, outcome: "failure", from: "2092-03-01", to: "2092-03-01" });
    expect(failures.days).toEqual([{ day: "2092-03-01", success: 0, failure: 1 }]);
    await expect(readAuditChart(person.id, {})).rejects.toMatchObject({ code: "forbidden" });

    // Finished days are counted once, then come from the rollup until it expires.
    const filter = { email: person.email, from: "2092-03-01", to: "2092-03-03" };
    const first = await readAuditChart(viewer.id, filter, "2092-03-20", 1_000_000);
    await write({ type: "auth.sign_in", actorId: person.id, context, at: at("2092-03-02", "09:00:00.000") });
    expect((await readAuditChart(viewer.id, filter, "2092-03-20", 1_000_000 + 60_000)).days).toEqual(first.days);
    expect((await readAuditChart(viewer.id, filter, "2092-03-20", 1_000_000 + 2 * 3_600_000)).days[1]).toEqual({ day: "2092-03-02", success: 1, failure: 0 });
    // Today and yesterday are always counted afresh.
    expect((await readAuditChart(viewer.id, filter, "2092-03-03", 1_000_000 + 2 * 3_600_000 + 1)).days[1]).toEqual({ day: "2092-03-02", success: 1, failure: 0 });
  });
});
