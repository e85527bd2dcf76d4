-- CreateTable
CREATE TABLE "PeoplePoll" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "threadKey" TEXT,
    "poll" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "jobId" TEXT,
    "panelAnswers" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closeAt" DATETIME,
    "closedAt" DATETIME,
    CONSTRAINT "PeoplePoll_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollVote" (
    "tenantId" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "option" TEXT NOT NULL,
    "votedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("tenantId", "pollId", "userId"),
    CONSTRAINT "PollVote_tenantId_pollId_fkey" FOREIGN KEY ("tenantId", "pollId") REFERENCES "PeoplePoll" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FidelityReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "panelId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "questions" INTEGER NOT NULL,
    "meanKsSimilarity" REAL,
    "meanJsd" REAL NOT NULL,
    "report" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FidelityReport_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PeoplePoll_tenantId_channelKey_closedAt_idx" ON "PeoplePoll"("tenantId", "channelKey", "closedAt");

-- CreateIndex
CREATE INDEX "PeoplePoll_closedAt_closeAt_idx" ON "PeoplePoll"("closedAt", "closeAt");

-- CreateIndex
CREATE UNIQUE INDEX "PeoplePoll_tenantId_id_key" ON "PeoplePoll"("tenantId", "id");

-- CreateIndex
CREATE INDEX "FidelityReport_tenantId_panelId_createdAt_idx" ON "FidelityReport"("tenantId", "panelId", "createdAt");
