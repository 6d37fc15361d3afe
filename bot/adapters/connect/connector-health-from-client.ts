import type { ConnectClient } from '../../ports/connect';
import type { ConnectorHealth } from '../../ports/connector-health';

/** ConnectorHealth over the shared Connect client (`GET /connectors?expand=status`). */
export const connectorHealthFromClient = (client: Pick<ConnectClient, 'list'>): ConnectorHealth => ({
  states: async () =>
    Object.entries(await client.list()).flatMap(([name, overview]) =>
      overview.status
        ? [
            {
              connector: name,
              state: overview.status.connector.state,
              tasks: overview.status.tasks.map((t) =>
                t.trace ? { id: t.id, state: t.state, trace: t.trace } : { id: t.id, state: t.state },
              ),
            },
          ]
        : [],
    ),
});
