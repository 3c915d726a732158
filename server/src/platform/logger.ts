import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs (pino); each HTTP request's lines carry its request id as `reqId`. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'samr-platform' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.newPassword'],
      censor: '***',
    },
  });
}
