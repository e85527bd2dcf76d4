-- AlterTable
ALTER TABLE "Persona" ADD COLUMN "profile" TEXT;

-- AlterTable
ALTER TABLE "UsageEntry" ADD COLUMN "cachedInputTokens" INTEGER NOT NULL DEFAULT 0;
