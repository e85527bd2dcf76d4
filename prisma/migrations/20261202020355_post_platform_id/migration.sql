-- CreateIndex
CREATE INDEX "Post_tenantId_channelKey_platformId_idx" ON "Post"("tenantId", "channelKey", "platformId");
