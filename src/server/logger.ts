import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config';

/** JSON lines for machines; pino-pretty when a person is watching a terminal. */
export function createLogger(log: Config['log'], destination: NodeJS.WritableStream = process.stdout): Logger {
  const options: pino.LoggerOptions = {
    level: log.level,
    base: { service: 'orgql' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  };
  if (!log.pretty) return pino(options, destination as pino.DestinationStream);
  return pino(options, pretty({ destination, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }));
}
