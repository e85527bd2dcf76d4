export { createMcpServer, type McpServices } from './create-server.js';
export { startMcpHttp, type McpHttpOptions, type McpHttpServer } from './http-server.js';
export { runMcp, type McpRunOptions } from './run.js';
export { startMcpSurface, type McpSurface, type McpSurfaceOptions } from './start.js';
export { LOCAL_MCP_TENANT, parseTokens, tenantOfToken, type TenantToken } from './tokens.js';
export { TOOLS } from './tools/index.js';
