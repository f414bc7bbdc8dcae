/**
 * Chaos switches (failure rate, added latency) for tests and demos, on quotes-service and
 * imageservice: POST /chaos outside the production profile makes an instance slow or failing.
 */
export { Chaos, ChaosConfigSchema, ChaosSchema, type ChaosSettings, chaosAllowed, withChaos } from './chaos';
