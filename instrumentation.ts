/**
 * Runs once when the server starts: a bad or missing configuration, or an embedded database
 * folder another process holds, stops start-up with a clear message instead of failing on the
 * first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfiguration, holdDatabaseFolder } = await import("./lib/startup");
    checkConfiguration();
    holdDatabaseFolder();
  }
}
