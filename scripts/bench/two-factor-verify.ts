/**
 * How long one second-factor check costs on this machine:
 *   npx tsx scripts/bench/two-factor-verify.ts
 * Prints the median (and p90) of matchTotp, decryptSecret and verifyRecoverySecret.
 */
import crypto from "node:crypto";
import os from "node:os";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { generateRecoveryCodes, parseRecoveryCode, verifyRecoverySecret } from "@/lib/mfa/recovery-codes";
import { generateTotp, generateTotpSecret, matchTotp, totpStepAt } from "@/lib/mfa/totp";

async function measure(label: string, runs: number, fn: () => unknown) {
  for (let i = 0; i < Math.min(10, runs); i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const ms = (value: number) => (value < 1 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(2)} ms`);
  console.log(`${label.padEnd(52)} median ${ms(at(0.5)).padStart(10)}   p90 ${ms(at(0.9)).padStart(10)}   (${runs} runs)`);
}

const secret = generateTotpSecret();
const now = new Date();
const step = totpStepAt(now);
const current = generateTotp(secret, now);
const wrong = current === "000000" ? "000001" : "000000";
const key = crypto.randomBytes(32);
const box = encryptSecret(secret, key, { aad: "totp:bench" });

console.log(`node ${process.version}, ${os.cpus().length} cpus`);
await measure("matchTotp, current code (2 HMACs)", 5000, () => matchTotp({ secret, code: current, now, afterStep: null }));
await measure("matchTotp, current code, afterStep = step-1 (1 HMAC)", 5000, () =>
  matchTotp({ secret, code: current, now, afterStep: step - 1 }),
);
await measure("matchTotp, wrong code (3 HMACs, worst case)", 5000, () => matchTotp({ secret, code: wrong, now, afterStep: null }));
await measure("decryptSecret (AES-256-GCM)", 5000, () => decryptSecret(box, key, { aad: "totp:bench" }));

const started = process.hrtime.bigint();
const set = await generateRecoveryCodes(16);
console.log(`${"generateRecoveryCodes(16), once".padEnd(52)} total  ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
const { secret: recoverySecret } = parseRecoveryCode(set.codes[0]!)!;
const hash = set.records[0]!.hash;
await measure("verifyRecoverySecret, right code (argon2id)", 40, () => verifyRecoverySecret(hash, recoverySecret));
await measure("verifyRecoverySecret, wrong code (argon2id)", 40, () => verifyRecoverySecret(hash, "2345678923"));
await measure("verifyRecoverySecret, unknown selector (dummy)", 40, () => verifyRecoverySecret(null, recoverySecret));
