/**
 * Turbine's role: instances announce themselves (up, heartbeat, down) on an AMQP fanout exchange;
 * an aggregator polls each one's breakers and serves one live Server-Sent Events stream of them all.
 */
export { type LandscapeView, type InstanceView, BreakerAggregator } from './aggregator';
export { type DiscoveryBus, amqpDiscovery } from './amqp-discovery';
export {
  type Announcement,
  AnnouncementSchema,
  DISCOVERY_EXCHANGE,
  DiscoveryConfigSchema,
  type InstanceInfo,
} from './announcement';
export { type Announcer, announceInstance } from './announcer';
export { breakerStreamHandler } from './stream-route';
export { brokerDiscovery } from './broker-discovery';
export { type JoinOptions, joinDiscovery } from './join';
