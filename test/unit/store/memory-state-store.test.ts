import { MemoryStateStore } from '../../support/memory-state-store';
import { stateStoreContract } from './contract';

stateStoreContract('MemoryStateStore', () => new MemoryStateStore());
