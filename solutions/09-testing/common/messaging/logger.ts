/** Where messaging progress goes (the same shape as chapter 03's ConfigLogger). */
export interface MessagingLogger {
  info(message: string): void;
  warn(message: string): void;
}

// Looked up on each call, so whatever console is in place then (a test's spy, say) gets the line.
export const consoleLogger: MessagingLogger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
};

/** For tests and tools that want quiet. */
export const silentLogger: MessagingLogger = { info: () => undefined, warn: () => undefined };
