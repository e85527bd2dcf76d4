export { PgBossQueue, type PgBossQueueOptions } from './pg-boss-queue.js';
export { startHealthServer, type HealthServer, type ReadinessCheck } from './health-server.js';
