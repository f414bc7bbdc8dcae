// The chapter's common/ code (and its test helpers) these tests drive. When chapter 09 is
// assembled only the paths change ('../../07-breakers/common/…' → '../common/…').
// (The config client's internals have their own module: common/config/test/under-test.ts.)
import path from 'node:path';

export {
  BreakerRegistry,
  type BreakerSettings,
  DEFAULT_BREAKER_SETTINGS,
  FALLBACK_QUOTE,
  RetryBudget,
} from '../../07-breakers/common/resilience';
export {
  BrokerConnection,
  type VipNotification,
  type WorkQueueTopology,
  parseVipNotification,
} from '../../07-breakers/common/messaging';
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
} from '../../07-breakers/common/messaging/test/helpers/broker';
export { brokerFixtures } from '../../07-breakers/common/messaging/test/helpers/fixtures';

/** The chapter folder whose landscape.yml the local runner starts (09's own once assembled). */
export const CHAPTER_DIR = path.resolve(__dirname, '../../07-breakers');
