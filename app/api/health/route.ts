import { connection, NextResponse } from "next/server";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import packageJson from "@/package.json" with { type: "json" };

export async function GET() {
  await connection(); // answered per request, never prerendered at build time
  const backend = getEnv().DATABASE_URL ? "postgresql" : "pglite";
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    return NextResponse.json({ status: "ok", version: packageJson.version, database: { status: "up", backend, latencyMs } });
  } catch (error) {
    console.error("Health check: database unreachable:", error);
    return NextResponse.json(
      { status: "degraded", version: packageJson.version, database: { status: "down", backend } },
      { status: 503 },
    );
  }
}
