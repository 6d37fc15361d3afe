import pino, { type DestinationStream } from 'pino';
import type { Logger } from '../../ports/logger';

/** Structured JSON logs; every record passes the redactor before it is written. */
export function createPinoLogger(options: {
  level: string;
  redact: <T>(v: T) => T;
  destination?: DestinationStream;
}): Logger {
  const base = pino(
    {
      level: options.level,
      base: { service: 'mm2-chatops' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (record) => options.redact(record) },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((a) => (typeof a === 'string' ? options.redact(a) : a)) as Parameters<
            typeof method
          >;
          method.apply(this, redacted);
        },
      },
    },
    options.destination,
  );
  const wrap = (logger: pino.Logger): Logger => ({
    info: (fields, message) => logger.info(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
    // Bindings are serialised once, outside the `log` formatter: redact them when they are bound.
    child: (fields) => wrap(logger.child(options.redact(fields))),
  });
  return wrap(base);
}
