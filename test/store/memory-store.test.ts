import { MemoryStore } from '../../engine/store/index.js';
import { runStoreContract } from './store-contract.js';

runStoreContract('MemoryStore', { open: async () => new MemoryStore() });
