import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const dataDir = ".data/e2e";

/**
 * Browser journeys against a production build (`next start`) in Debian's Chromium. The app
 * runs in development mode so emails land in /dev/outbox, on a fresh embedded database,
 * or on PostgreSQL when E2E_DATABASE_URL is set (.ci/run creates a fresh database for it).
 */
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  // One retry in CI only, for a browser that stalls (a renderer that stopped painting held a
  // check() for three minutes once, in a journey that passes alone and in repeats). A journey
  // that fails twice still fails the run, and the list reporter names every retried one "flaky".
  retries: process.env.CI ? 1 : 0,
  forbidOnly: true,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    // English unless a test asks for another language (e2e/i18n-*.spec.ts).
    locale: "en-US",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && npx --no-install tsx scripts/start.ts`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    env: {
      APP_ENV: "development",
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
