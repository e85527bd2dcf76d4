-- AlterTable
ALTER TABLE "Persona" ADD COLUMN     "profile" TEXT;

-- AlterTable
ALTER TABLE "UsageEntry" ADD COLUMN     "cachedInputTokens" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "PeoplePoll" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "threadKey" TEXT,
    "poll" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "jobId" TEXT,
    "panelAnswers" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closeAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "PeoplePoll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollVote" (
    "tenantId" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "option" TEXT NOT NULL,
    "votedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PollVote_pkey" PRIMARY KEY ("tenantId","pollId","userId")
);

-- CreateTable
CREATE TABLE "FidelityReport" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "panelId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "questions" INTEGER NOT NULL,
    "meanKsSimilarity" DOUBLE PRECISION,
    "meanJsd" DOUBLE PRECISION NOT NULL,
    "report" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FidelityReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorldCheckpoint" (
    "tenantId" TEXT NOT NULL,
    "worldId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "fromSeq" INTEGER NOT NULL,
    "lastSeq" INTEGER NOT NULL,
    "threadKeys" TEXT NOT NULL,
    "cores" TEXT NOT NULL,
    "worldState" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorldCheckpoint_pkey" PRIMARY KEY ("worldId","number")
);

-- CreateTable
CREATE TABLE "WorldFork" (
    "worldId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "parentWorldId" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "parentThreadKey" TEXT,
    "threadKey" TEXT,
    "checkpoint" INTEGER,
    "stimulus" TEXT NOT NULL,
    "label" TEXT,
    "personaIds" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorldFork_pkey" PRIMARY KEY ("worldId")
);

-- CreateIndex
CREATE INDEX "PeoplePoll_tenantId_channelKey_closedAt_idx" ON "PeoplePoll"("tenantId", "channelKey", "closedAt");

-- CreateIndex
CREATE INDEX "PeoplePoll_closedAt_closeAt_idx" ON "PeoplePoll"("closedAt", "closeAt");

-- CreateIndex
CREATE UNIQUE INDEX "PeoplePoll_tenantId_id_key" ON "PeoplePoll"("tenantId", "id");

-- CreateIndex
CREATE INDEX "FidelityReport_tenantId_panelId_createdAt_idx" ON "FidelityReport"("tenantId", "panelId", "createdAt");

-- CreateIndex
CREATE INDEX "WorldCheckpoint_tenantId_worldId_idx" ON "WorldCheckpoint"("tenantId", "worldId");

-- CreateIndex
CREATE INDEX "WorldFork_tenantId_channelKey_threadKey_idx" ON "WorldFork"("tenantId", "channelKey", "threadKey");

-- CreateIndex
CREATE INDEX "WorldFork_tenantId_parentWorldId_idx" ON "WorldFork"("tenantId", "parentWorldId");

-- CreateIndex
CREATE UNIQUE INDEX "WorldFork_tenantId_key_key" ON "WorldFork"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "WorldFork_tenantId_worldId_key" ON "WorldFork"("tenantId", "worldId");

-- CreateIndex
CREATE INDEX "Post_tenantId_channelKey_platformId_idx" ON "Post"("tenantId", "channelKey", "platformId");

-- AddForeignKey
ALTER TABLE "PeoplePoll" ADD CONSTRAINT "PeoplePoll_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PollVote" ADD CONSTRAINT "PollVote_tenantId_pollId_fkey" FOREIGN KEY ("tenantId", "pollId") REFERENCES "PeoplePoll"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FidelityReport" ADD CONSTRAINT "FidelityReport_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorldCheckpoint" ADD CONSTRAINT "WorldCheckpoint_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorldFork" ADD CONSTRAINT "WorldFork_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
