/** Where messaging progress goes (the same shape as chapter 03's ConfigLogger). */
export interface MessagingLogger {
  info(message: string): void;
  warn(message: string): void;
}

export const consoleLogger: MessagingLogger = { info: console.log, warn: console.warn };

/** For tests and tools that want quiet. */
export const silentLogger: MessagingLogger = { info: () => undefined, warn: () => undefined };
