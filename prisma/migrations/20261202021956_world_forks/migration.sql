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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("worldId", "number"),
    CONSTRAINT "WorldCheckpoint_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorldFork" (
    "worldId" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WorldFork_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
