import type { ConnectClient } from '../../ports/connect';
import type { ConnectOffsets } from '../../ports/connect-offsets';
import { parseSourceOffsets } from './source-offsets';

/** ConnectOffsets over the shared Connect client (an alternative to the connect-offsets adapter). */
export const connectOffsetsFromClient = (client: Pick<ConnectClient, 'offsets'>): ConnectOffsets => ({
  sourceOffsets: async (connector) => parseSourceOffsets(await client.offsets(connector)),
});
