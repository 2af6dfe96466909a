/**
 * Runs once when the server starts: a bad or missing configuration stops start-up with a
 * clear message instead of failing on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfiguration } = await import("./lib/startup");
    checkConfiguration();
  }
}
