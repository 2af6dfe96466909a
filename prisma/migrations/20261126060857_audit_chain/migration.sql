-- CreateEnum
CREATE TYPE "SupportCaseKind" AS ENUM ('recovery_request', 'not_me_report');

-- CreateEnum
CREATE TYPE "SupportCaseState" AS ENUM ('open', 'approved', 'refused');

-- CreateEnum
CREATE TYPE "TemporaryAccessState" AS ENUM ('pending_approval', 'issued', 'used', 'revoked', 'refused');

-- DropIndex
DROP INDEX "AuditEvent_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_projectId_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_subjectId_createdAt_idx";

-- DropIndex
DROP INDEX "AuditEvent_type_createdAt_idx";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chainHash" TEXT,
ADD COLUMN     "chainSeq" BIGINT,
ADD COLUMN     "txid" BIGINT NOT NULL DEFAULT ((pg_current_xact_id())::text)::bigint;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "passwordChangeRequiredAt" TIMESTAMP(3),
ADD COLUMN     "twoFactorResetAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "chainSeq" BIGINT NOT NULL,
    "chainHash" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditAnchor" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "chainSeq" BIGINT NOT NULL,
    "chainHash" TEXT NOT NULL,
    "pruned" INTEGER NOT NULL,

    CONSTRAINT "AuditAnchor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditVerification" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "checked" INTEGER NOT NULL,
    "lastSeq" BIGINT,
    "brokenEventId" TEXT,
    "brokenSeq" BIGINT,
    "problem" TEXT,
    "source" TEXT NOT NULL,

    CONSTRAINT "AuditVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportCase" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" "SupportCaseKind" NOT NULL,
    "state" "SupportCaseState" NOT NULL DEFAULT 'open',
    "userId" TEXT,
    "contactEmail" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "handledById" TEXT,
    "handledAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "SupportCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemporaryAccessCode" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT NOT NULL,
    "state" "TemporaryAccessState" NOT NULL,
    "reason" TEXT NOT NULL,
    "lifetimeHours" INTEGER NOT NULL,
    "requestedById" TEXT NOT NULL,
    "approvedById" TEXT,
    "codeHash" TEXT,
    "issuedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "caseId" TEXT,

    CONSTRAINT "TemporaryAccessCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditCheckpoint_chainSeq_idx" ON "AuditCheckpoint"("chainSeq");

-- CreateIndex
CREATE UNIQUE INDEX "AuditAnchor_chainSeq_key" ON "AuditAnchor"("chainSeq");

-- CreateIndex
CREATE INDEX "AuditVerification_createdAt_idx" ON "AuditVerification"("createdAt");

-- CreateIndex
CREATE INDEX "SupportCase_state_createdAt_idx" ON "SupportCase"("state", "createdAt");

-- CreateIndex
CREATE INDEX "SupportCase_userId_createdAt_idx" ON "SupportCase"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "TemporaryAccessCode_userId_state_idx" ON "TemporaryAccessCode"("userId", "state");

-- CreateIndex
CREATE INDEX "TemporaryAccessCode_state_createdAt_idx" ON "TemporaryAccessCode"("state", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chainSeq_key" ON "AuditEvent"("chainSeq");

-- CreateIndex
CREATE INDEX "AuditEvent_subjectId_createdAt_id_idx" ON "AuditEvent"("subjectId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_id_idx" ON "AuditEvent"("actorId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_projectId_createdAt_id_idx" ON "AuditEvent"("projectId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_type_createdAt_id_idx" ON "AuditEvent"("type", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_outcome_createdAt_id_idx" ON "AuditEvent"("outcome", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_ip_createdAt_id_idx" ON "AuditEvent"("ip", "createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_id_idx" ON "AuditEvent"("createdAt", "id");

-- AddForeignKey
ALTER TABLE "SupportCase" ADD CONSTRAINT "SupportCase_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportCase" ADD CONSTRAINT "SupportCase_handledById_fkey" FOREIGN KEY ("handledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemporaryAccessCode" ADD CONSTRAINT "TemporaryAccessCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemporaryAccessCode" ADD CONSTRAINT "TemporaryAccessCode_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemporaryAccessCode" ADD CONSTRAINT "TemporaryAccessCode_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Audit events are append-only (issue 11). Prisma's schema does not describe triggers, so later
-- migrations generated from the schema leave these alone.
-- UPDATE: only the sealer (lib/audit/chain.ts), once per event, setting the two chain columns of
-- an unsealed event and nothing else. DELETE: only retention (lib/audit/retention.ts), which
-- sets tessera.audit_retention for its transaction, and only of sealed events.
CREATE FUNCTION tessera_audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('tessera.audit_retention', true) = 'on' AND OLD."chainSeq" IS NOT NULL THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: DELETE is allowed only through retention'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."chainSeq" IS NULL AND NEW."chainSeq" IS NOT NULL AND NEW."chainHash" IS NOT NULL
     AND (to_jsonb(NEW) - 'chainSeq' - 'chainHash') = (to_jsonb(OLD) - 'chainSeq' - 'chainHash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit events are append-only: UPDATE is allowed only to seal an event'
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION tessera_audit_event_guard();

-- A new event is written unsealed: only the sealer places it in the chain.
CREATE FUNCTION tessera_audit_event_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."chainSeq" IS NOT NULL OR NEW."chainHash" IS NOT NULL THEN
    RAISE EXCEPTION 'audit events are written unsealed: the sealer chains them'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "AuditEvent_insert_unsealed" BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION tessera_audit_event_insert_guard();

CREATE FUNCTION tessera_audit_event_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: TRUNCATE is refused'
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION tessera_audit_event_no_truncate();
