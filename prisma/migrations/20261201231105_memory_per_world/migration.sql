-- CreateTable
CREATE TABLE "PersonaMemory" (
    "tenantId" TEXT NOT NULL,
    "worldId" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "core" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("worldId", "personaId"),
    CONSTRAINT "PersonaMemory_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PersonaMemory_tenantId_personaId_fkey" FOREIGN KEY ("tenantId", "personaId") REFERENCES "Persona" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MemoryEpisode" (
    "tenantId" TEXT NOT NULL,
    "worldId" TEXT NOT NULL,
    "personaId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "entry" TEXT NOT NULL,

    PRIMARY KEY ("worldId", "personaId", "ordinal"),
    CONSTRAINT "MemoryEpisode_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MemoryEpisode_tenantId_personaId_fkey" FOREIGN KEY ("tenantId", "personaId") REFERENCES "Persona" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "vector" BLOB,

    PRIMARY KEY ("worldId", "personaId", "ordinal"),
    CONSTRAINT "MemorySemantic_tenantId_worldId_fkey" FOREIGN KEY ("tenantId", "worldId") REFERENCES "World" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MemorySemantic_tenantId_personaId_fkey" FOREIGN KEY ("tenantId", "personaId") REFERENCES "Persona" ("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PersonaMemory_tenantId_personaId_idx" ON "PersonaMemory"("tenantId", "personaId");

-- CreateIndex
CREATE INDEX "MemoryEpisode_tenantId_personaId_idx" ON "MemoryEpisode"("tenantId", "personaId");

-- CreateIndex
CREATE INDEX "MemorySemantic_tenantId_personaId_idx" ON "MemorySemantic"("tenantId", "personaId");

-- CreateIndex
CREATE INDEX "LlmCacheEntry_createdAt_idx" ON "LlmCacheEntry"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Persona_tenantId_id_key" ON "Persona"("tenantId", "id");

-- Carry existing databases forward (hand-written below the generated DDL). A persona's whole state
-- used to be one JSON value per persona, shared by every channel its panel was seated in. It becomes
-- the memory of each world of that panel (nothing is lost; what already crossed channels before this
-- upgrade stays in each of them), split into a small core, episode rows and consolidated-memory rows.
-- Embeddings stored as JSON numbers are dropped: they are recomputed (as Float32) on first retrieval.
INSERT INTO "PersonaMemory" ("tenantId", "worldId", "personaId", "core")
SELECT p."tenantId", w."id", p."id",
       json_set(
         json_remove(p."state", '$.spec', '$.episodic.entries', '$.semantic'),
         '$.semantic', json_object('total', coalesce(json_array_length(p."state", '$.semantic.items'), 0))
       )
FROM "Persona" p JOIN "World" w ON w."tenantId" = p."tenantId" AND w."panelId" = p."panelId"
WHERE p."state" IS NOT NULL AND json_valid(p."state") AND json_type(p."state", '$.episodic') = 'object';

INSERT INTO "MemoryEpisode" ("tenantId", "worldId", "personaId", "ordinal", "entry")
SELECT m."tenantId", m."worldId", m."personaId", json_extract(e."value", '$.ordinal'), e."value"
FROM "PersonaMemory" m JOIN "Persona" p ON p."id" = m."personaId",
     json_each(p."state", '$.episodic.entries') e;

INSERT INTO "MemorySemantic" ("tenantId", "worldId", "personaId", "ordinal", "content", "createdAt", "fromSeq", "toSeq")
SELECT m."tenantId", m."worldId", m."personaId", s."key", json_extract(s."value", '$.content'),
       json_extract(s."value", '$.createdAt'), json_extract(s."value", '$.from'), json_extract(s."value", '$.to')
FROM "PersonaMemory" m JOIN "Persona" p ON p."id" = m."personaId",
     json_each(p."state", '$.semantic.items') s;

-- The panel's own state keeps no conversation: the spec column already holds the persona.
UPDATE "Persona" SET "state" = NULL WHERE "state" IS NOT NULL AND json_valid("state") AND json_type("state", '$.episodic') = 'object';
