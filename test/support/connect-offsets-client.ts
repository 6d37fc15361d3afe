import { request } from 'undici';
import { AppError } from '../../bot/domain/errors';
import type { ConnectOffsets } from '../../bot/ports/connect-offsets';
import { parseSourceOffsets, type OffsetsBody } from '../../bot/adapters/connect/source-offsets';
import { publicUrl } from '../../bot/adapters/http/public-url';

export interface ConnectOffsetsOptions {
  /** Connect REST base URL, e.g. http://127.0.0.1:8083. */
  url: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export { parseSourceOffsets };

/** `GET /connectors/{name}/offsets` (Kafka 3.6+). */
export const createConnectOffsetsClient = (options: ConnectOffsetsOptions): ConnectOffsets => {
  const base = options.url.replace(/\/$/, '');
  const shown = publicUrl(options.url, 'Connect');
  const timeoutMs = options.timeoutMs ?? 10000;
  return {
    sourceOffsets: async (connector) => {
      let statusCode: number;
      let text: string;
      try {
        const response = await request(`${base}/connectors/${encodeURIComponent(connector)}/offsets`, {
          headers: { accept: 'application/json', ...options.headers },
          signal: AbortSignal.timeout(timeoutMs),
        });
        statusCode = response.statusCode;
        text = await response.body.text();
      } catch (error) {
        const name = (error as { name?: string } | undefined)?.name ?? '';
        const detail =
          name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : ((error as { message?: string })?.message ?? String(error));
        throw new AppError(
          'CONNECT_UNREACHABLE',
          `Kafka Connect at ${shown} is unreachable: ${detail}`,
          'Check that the Connect workers are running and reachable from the bot.',
          { cause: error },
        );
      }
      if (statusCode === 404) {
        throw new AppError(
          'NOT_FOUND',
          `Connector '${connector}' does not exist on ${shown}.`,
          'Check the connector name in the migration profile.',
        );
      }
      if (statusCode === 409 || (statusCode >= 500 && /rebalanc/i.test(text))) {
        throw new AppError(
          'CONNECT_REBALANCING',
          `Kafka Connect at ${shown} is rebalancing.`,
          'Try again in a few seconds.',
        );
      }
      if (statusCode >= 400) {
        throw new AppError(
          'CONNECT_REJECTED',
          `Kafka Connect at ${shown} answered HTTP ${statusCode} for the offsets of '${connector}'.`,
        );
      }
      return parseSourceOffsets(JSON.parse(text) as OffsetsBody);
    },
  };
};
