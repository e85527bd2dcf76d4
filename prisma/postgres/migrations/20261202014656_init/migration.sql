-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Panel" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "weights" TEXT,
    "meta" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Panel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Persona" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "panelId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "avatar" TEXT,
    "spec" TEXT NOT NULL,
    "state" TEXT,

    CONSTRAINT "Persona_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "World" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "panelId" TEXT NOT NULL,
    "seated" BOOLEAN NOT NULL DEFAULT true,
    "state" TEXT,
    "nextSeq" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "World_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "conversation" TEXT NOT NULL,
    "progress" TEXT,
    "result" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Post" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "threadKey" TEXT,
    "platformId" TEXT,
    "speaker" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LlmCacheEntry" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LlmCacheEntry_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "UsageEntry" (
    "id" SERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "jobId" TEXT,
    "task" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "inputTokens" INTEGER NOT NULL,
    "outputTokens" INTEGER NOT NULL,
    "costUsd" DOUBLE PRECISION NOT NULL,
    "cached" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeyValue" (
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyValue_pkey" PRIMARY KEY ("tenantId","key")
);

-- CreateTable
CREATE TABLE "PersonaMemory" (
    "tenantId" TEXT NOT NULL,
    "worldId" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "core" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonaMemory_pkey" PRIMARY KEY ("worldId","personaId")
);

-- CreateTable
CREATE TABLE "MemoryEpisode" (
    "tenantId" TEXT NOT NULL,
    "worldId" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "entry" TEXT NOT NULL,

    CONSTRAINT "MemoryEpisode_pkey" PRIMARY KEY ("worldId","personaId","ordinal")
);

-- CreateTable
CREATE TABLE "MemorySemantic" (
    "tenantId" TEXT NOT NULL,
    "worldId" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TEXT,
    "fromSeq" INTEGER,
    "toSeq" INTEGER,
    "vector" BYTEA,

    CONSTRAINT "MemorySemantic_pkey" PRIMARY KEY ("worldId","personaId","ordinal")
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
CREATE UNIQUE INDEX "Persona_tenantId_id_key" ON "Persona"("tenantId", "id");

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
CREATE INDEX "LlmCacheEntry_createdAt_idx" ON "LlmCacheEntry"("createdAt");

-- CreateIndex
CREATE INDEX "UsageEntry_tenantId_jobId_idx" ON "UsageEntry"("tenantId", "jobId");

-- CreateIndex
CREATE INDEX "PersonaMemory_tenantId_personaId_idx" ON "PersonaMemory"("tenantId", "personaId");

-- CreateIndex
CREATE INDEX "MemoryEpisode_tenantId_personaId_idx" ON "MemoryEpisode"("tenantId", "personaId");

-- CreateIndex
CREATE INDEX "MemorySemantic_tenantId_personaId_idx" ON "MemorySemantic"("tenantId", "personaId");

-- AddForeignKey
ALTER TABLE "Panel" ADD CONSTRAINT "Panel_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Persona" ADD CONSTRAINT "Persona_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Persona" ADD CONSTRAINT "Persona_tenantId_panelId_fkey" FOREIGN KEY ("tenantId", "panelId") REFERENCES "Panel"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "World" ADD CONSTRAINT "World_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "World" ADD CONSTRAINT "World_tenantId_panelId_fkey" FOREIGN KEY ("tenantId", "panelId") REFERENCES "Panel"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageEntry" ADD CONSTRAINT "UsageEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyValue" ADD CONSTRAINT "KeyValue_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonaMemory" ADD CONSTRAINT "PersonaMemory_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonaMemory" ADD CONSTRAINT "PersonaMemory_tenantId_personaId_fkey" FOREIGN KEY ("tenantId", "personaId") REFERENCES "Persona"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemoryEpisode" ADD CONSTRAINT "MemoryEpisode_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemoryEpisode" ADD CONSTRAINT "MemoryEpisode_tenantId_personaId_fkey" FOREIGN KEY ("tenantId", "personaId") REFERENCES "Persona"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemorySemantic" ADD CONSTRAINT "MemorySemantic_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemorySemantic" ADD CONSTRAINT "MemorySemantic_tenantId_personaId_fkey" FOREIGN KEY ("tenantId", "personaId") REFERENCES "Persona"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
