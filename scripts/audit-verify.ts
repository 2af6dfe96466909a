/**
 * Verifies the audit log's hash chain (issue 11 §2, §7):
 *
 *   npm run audit:verify                        seal what is pending, verify the whole log in the
 *                                               app's database (DATABASE_URL, else the embedded
 *                                               PGlite in DATA_DIR), record the run for the console
 *   npm run audit:verify -- --bundle FILE       verify an exported audit bundle offline: no
 *                                               database, no configuration
 *
 * Prints the figures and, when broken, the first broken event's id, position and problem.
 * Exit code: 0 verified, 1 broken (or the database could not be read), 2 bad usage.
 */
import fs from "node:fs";
import readline from "node:readline";

const USAGE = "Usage: npm run audit:verify [-- --bundle FILE]";

type Output = { log: (line: string) => void; error: (line: string) => void };

export async function verifyBundleFile(file: string, out: Output): Promise<number> {
  const { verifyAuditBundle } = await import("../lib/audit/bundle-verify");
  if (!fs.existsSync(file)) {
    out.error(`No such file: ${file}`);
    return 2;
  }
  const lines = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Infinity });
  const result = await verifyAuditBundle(lines);
  out.log(`Audit bundle ${file}`);
  if (result.exportedAt) out.log(`  exported at      ${result.exportedAt}`);
  if (result.filter) out.log(`  filter           ${JSON.stringify(result.filter)}`);
  out.log(`  events           ${result.events}`);
  out.log(`  linked through   ${result.links} other events' hashes to ${result.checkpoints} signed checkpoints`);
  if (result.fingerprint) {
    out.log(`  signing key      ${result.fingerprint}`);
    out.log("  Compare this fingerprint with the one on the console's Integrity page or in the README:");
    out.log("  the bundle proves its events only if the key is the server's.");
  }
  if (result.ok) {
    out.log("OK: every event in the bundle is the stored one, in its place in the signed chain.");
    return 0;
  }
  const broken = result.broken!;
  out.error(`BROKEN at line ${broken.line}: ${broken.problem}${broken.seq ? `, chain position ${broken.seq}` : ""}${broken.eventId ? `, event ${broken.eventId}` : ""}`);
  return 1;
}

export async function verifyDatabase(out: Output, options: { close?: boolean } = {}): Promise<number> {
  // As `npm start` decides: the demo's development mode unless NODE_ENV says production.
  process.env.APP_ENV ??= process.env.NODE_ENV === "production" ? "production" : "development";
  const { closeDb, db } = await import("../lib/db");
  const { sealAuditEvents } = await import("../lib/audit/chain");
  const { recordVerification, verifyAuditChain } = await import("../lib/audit/verify");
  const { auditSigningKey, formatFingerprint } = await import("../lib/audit/signing-key");
  try {
    const started = performance.now();
    const sealed = await sealAuditEvents(db);
    const result = await verifyAuditChain(db);
    const seconds = (performance.now() - started) / 1000;
    await recordVerification(db, result, "cli");
    out.log(`Audit log: ${sealed.sealed} events sealed now${sealed.busy ? " (another instance was sealing)" : ""}`);
    out.log(`  checked          ${result.checked} events${result.fromSeq > 0n ? `, from retention's anchor at ${result.fromSeq}` : ""}`);
    out.log(`  chain head       ${result.lastSeq ?? "none (nothing sealed yet)"}`);
    out.log(`  checkpoints      ${result.checkpoints} signed by ${formatFingerprint(auditSigningKey().keyId)}${result.foreignCheckpoints ? `; ${result.foreignCheckpoints} by a former key, not trusted` : ""}`);
    out.log(`  took             ${seconds.toFixed(2)} s (${Math.round(result.checked / Math.max(seconds, 0.001))} events/s)`);
    if (result.staleUnsealed > 0) out.error(`WARNING: ${result.staleUnsealed} events older than 5 minutes were not sealed: is the sealer running?`);
    if (result.ok) {
      out.log("OK: the chain verifies.");
      return 0;
    }
    const broken = result.broken!;
    out.error(`BROKEN: ${broken.problem} at chain position ${broken.seq}${broken.eventId ? `, event ${broken.eventId}` : ""}`);
    return 1;
  } finally {
    if (options.close !== false) await closeDb();
  }
}

export async function main(args: string[], out: Output = console, options: { close?: boolean } = {}): Promise<number> {
  if (args.length === 0) return verifyDatabase(out, options);
  if (args.length === 2 && args[0] === "--bundle" && args[1]) return verifyBundleFile(args[1], out);
  out.error(USAGE);
  return 2;
}

// Run as a script (not when a test imports main).
if (process.argv[1] && import.meta.url === new URL(`file://${fs.realpathSync(process.argv[1])}`).href) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
