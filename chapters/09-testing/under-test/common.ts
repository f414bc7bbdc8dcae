// The chapter's common/ code (and its test helpers) these tests drive.
// (The config client's internals have their own module: common/config/test/under-test.ts.)
import path from 'node:path';

export {
  BreakerRegistry,
  type BreakerSettings,
  DEFAULT_BREAKER_SETTINGS,
  FALLBACK_QUOTE,
  RetryBudget,
} from '../common/resilience';
export {
  BrokerConnection,
  type VipNotification,
  type WorkQueueTopology,
  parseVipNotification,
} from '../common/messaging';
export {
  AMQP_URL,
  deleteTopology,
  drain,
  eventually,
  publishRaw,
  recordingLogger,
  testTopology,
  uniqueName,
  withChannel,
} from '../common/messaging/test/helpers/broker';
export { brokerFixtures } from '../common/messaging/test/helpers/fixtures';

/** The chapter folder whose landscape.yml the local runner starts (the chapter itself, so the chapters/ tree runs its own code). */
export const CHAPTER_DIR = path.resolve(__dirname, '..');
