import { MemoryCounterStore } from '../../src/ledger/memory-counter-store.js';
import { counterStoreContract } from './counter-store.contract.js';

counterStoreContract('in-process', async (loader) => ({ store: new MemoryCounterStore(loader), close: async () => undefined }));
