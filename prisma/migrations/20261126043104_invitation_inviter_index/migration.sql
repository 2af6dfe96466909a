-- CreateIndex
CREATE INDEX "ProjectInvitation_invitedById_createdAt_idx" ON "ProjectInvitation"("invitedById", "createdAt");
