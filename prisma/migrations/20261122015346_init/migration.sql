-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Panel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "weights" TEXT,
    "meta" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Panel_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Persona" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "panelId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "avatar" TEXT,
    "spec" TEXT NOT NULL,
    "state" TEXT,
    CONSTRAINT "Persona_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Persona_tenantId_panelId_fkey" FOREIGN KEY ("tenantId", "panelId") REFERENCES "Panel" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "World" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "panelId" TEXT NOT NULL,
    "seated" BOOLEAN NOT NULL DEFAULT true,
    "state" TEXT,
    "nextSeq" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "World_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "World_tenantId_panelId_fkey" FOREIGN KEY ("tenantId", "panelId") REFERENCES "Panel" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tenantId" TEXT NOT NULL,
    "worldId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "threadKey" TEXT,
    "agent" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "counterpart" TEXT,
    "simTime" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Event_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "conversation" TEXT NOT NULL,
    "progress" TEXT,
    "result" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Job_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Post" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "threadKey" TEXT,
    "platformId" TEXT,
    "speaker" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Post_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LlmCacheEntry" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "UsageEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tenantId" TEXT NOT NULL,
    "jobId" TEXT,
    "task" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL,
    "outputTokens" INTEGER NOT NULL,
    "costUsd" REAL NOT NULL,
    "cached" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UsageEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KeyValue" (
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("tenantId", "key"),
    CONSTRAINT "KeyValue_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Panel_tenantId_name_key" ON "Panel"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Panel_tenantId_id_key" ON "Panel"("tenantId", "id");

-- CreateIndex
CREATE INDEX "Persona_tenantId_panelId_position_idx" ON "Persona"("tenantId", "panelId", "position");

-- CreateIndex
CREATE INDEX "Persona_tenantId_name_idx" ON "Persona"("tenantId", "name");

-- CreateIndex
CREATE INDEX "World_tenantId_channelKey_seated_idx" ON "World"("tenantId", "channelKey", "seated");

-- CreateIndex
CREATE UNIQUE INDEX "World_tenantId_channelKey_panelId_key" ON "World"("tenantId", "channelKey", "panelId");

-- CreateIndex
CREATE UNIQUE INDEX "World_tenantId_id_key" ON "World"("tenantId", "id");

-- CreateIndex
CREATE INDEX "Event_tenantId_worldId_threadKey_seq_idx" ON "Event"("tenantId", "worldId", "threadKey", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Event_worldId_seq_key" ON "Event"("worldId", "seq");

-- CreateIndex
CREATE INDEX "Job_status_idx" ON "Job"("status");

-- CreateIndex
CREATE INDEX "Job_tenantId_id_idx" ON "Job"("tenantId", "id");

-- CreateIndex
CREATE INDEX "Post_tenantId_channelKey_threadKey_idx" ON "Post"("tenantId", "channelKey", "threadKey");

-- CreateIndex
CREATE UNIQUE INDEX "Post_tenantId_idempotencyKey_key" ON "Post"("tenantId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "UsageEntry_tenantId_jobId_idx" ON "UsageEntry"("tenantId", "jobId");
