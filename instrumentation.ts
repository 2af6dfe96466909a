/**
 * Runs once when the server starts: a bad or missing configuration, or an embedded database
 * folder another process holds, stops start-up with a clear message instead of failing on the
 * first request. Then the periodic jobs start (the grace period's last-day emails, sealing the
 * audit log every few seconds, and pruning it daily when AUDIT_RETENTION_DAYS is set).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfiguration, holdDatabaseFolder } = await import("./lib/startup");
    checkConfiguration();
    holdDatabaseFolder();
    // Not during `next build` (which may load this to prerender) nor in tests, which call the job themselves.
    if (process.env.NEXT_PHASE !== "phase-production-build" && process.env.APP_ENV !== "test") {
      const { startGraceJob } = await import("./lib/projects/grace");
      startGraceJob();
      const { getDb } = await import("./lib/db");
      const { startAuditSealer } = await import("./lib/audit/chain");
      const { startRetentionJob } = await import("./lib/audit/retention");
      startAuditSealer(getDb);
      startRetentionJob(getDb);
    }
  }
}
