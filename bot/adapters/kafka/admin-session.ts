import { Kafka, logLevel, type Admin } from 'kafkajs';
import { securityFor, type KafkaAuth } from './kafka-auth';
import { kafkaError, type KafkaAuthSettings } from './kafka-errors';

export interface AdminSessionOptions {
  /** Alias used in messages, e.g. `source`. */
  cluster: string;
  brokers: string[];
  auth?: KafkaAuth;
  /** The settings the credentials came from, named in authentication and TLS errors. */
  authSettings?: KafkaAuthSettings;
  clientId: string;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Retries before a call gives up; kept low so an unreachable cluster is reported quickly. */
  retries?: number;
}

export interface AdminSession {
  /** Runs `fn` on the connected admin client; vendor errors come out as AppErrors naming `what`. */
  call<T>(what: string, fn: (client: Admin) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** One kafkajs admin client: connects lazily, and after an unreachable cluster drops it and reconnects. */
export const createAdminSession = (options: AdminSessionOptions): AdminSession => {
  const { cluster, brokers } = options;
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers,
    ...securityFor(options.auth ?? { mode: 'plaintext' }),
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 15000,
    retry: { retries: options.retries ?? 2, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.NOTHING,
  });
  let connected: Promise<Admin> | undefined;

  const admin = (): Promise<Admin> => {
    if (!connected) {
      const client = kafka.admin();
      connected = client.connect().then(() => client);
      connected.catch(() => (connected = undefined));
    }
    return connected;
  };

  const close = async () => {
    const stale = connected;
    connected = undefined;
    await stale?.then((c) => c.disconnect()).catch(() => undefined);
  };

  return {
    call: async (what, fn) => {
      try {
        return await fn(await admin());
      } catch (error) {
        const mapped = kafkaError(cluster, brokers, what, error, options.authSettings);
        if (mapped.code === 'KAFKA_UNREACHABLE') await close();
        throw mapped;
      }
    },
    close,
  };
};
