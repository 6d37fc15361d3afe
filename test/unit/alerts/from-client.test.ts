import { connectorHealthFromClient } from '../../../bot/adapters/connect/connector-health-from-client';
import { connectOffsetsFromClient } from '../../../bot/adapters/connect/connect-offsets-from-client';

describe('ports over the shared Connect client', () => {
  it('maps `GET /connectors?expand=status` to connector health', async () => {
    const health = connectorHealthFromClient({
      list: async () => ({
        'mm2-source': {
          status: {
            name: 'mm2-source',
            connector: { state: 'RUNNING', worker_id: 'w' },
            tasks: [
              { id: 0, state: 'RUNNING', worker_id: 'w' },
              { id: 1, state: 'FAILED', worker_id: 'w', trace: 'boom' },
            ],
          },
        },
        'no-status': {},
      }),
    });
    expect(await health.states()).toEqual([
      {
        connector: 'mm2-source',
        state: 'RUNNING',
        tasks: [
          { id: 0, state: 'RUNNING' },
          { id: 1, state: 'FAILED', trace: 'boom' },
        ],
      },
    ]);
  });

  it('maps `GET /connectors/{n}/offsets` to source offsets', async () => {
    const offsets = connectOffsetsFromClient({
      offsets: async () => ({
        offsets: [
          { partition: { cluster: 'source', partition: 2, topic: 'orders' }, offset: { offset: 41 } },
        ],
      }),
    });
    expect(await offsets.sourceOffsets('mm2-source')).toEqual([
      { cluster: 'source', topic: 'orders', partition: 2, offset: 41 },
    ]);
  });
});
