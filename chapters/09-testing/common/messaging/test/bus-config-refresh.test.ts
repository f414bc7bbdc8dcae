import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { z } from 'zod';
import { busIdFor } from '../bus/bus-event';
import { BusListener } from '../bus/bus-listener';
import { BusPublisher } from '../../../configserver/src/bus/bus-publisher';
import { busRefreshRoutes } from '../../../configserver/src/bus/bus-routes';
import { eventually, recordingLogger, uniqueName, withChannel } from './helpers/broker';
import { recordingListener } from './helpers/bus';
import { CONFIG_REPO, buildConfigServerApp, copyRepo, loadConfig, nativeRepository, serve } from './helpers/config';
import { brokerFixtures } from './helpers/fixtures';

jest.setTimeout(30_000);

// What accountservice reads live from its configuration (chapter 03's client, camelCase keys).
const AccountSchema = z.object({ accounts: z.object({ vipIds: z.array(z.string()).default([]) }) });
const quiet = { info: () => undefined, warn: () => undefined };

const fixtures = brokerFixtures();
const exchange = uniqueName('springCloudBus');
const repo = copyRepo(CONFIG_REPO);
afterAll(async () => {
  await fixtures.cleanup();
  await withChannel((channel) => channel.deleteExchange(exchange));
  repo.remove();
});

describe('the configserver refreshes every accountservice instance over the bus', () => {
  it('POST /actuator/busrefresh/accountservice → both instances re-fetch their config; quotes-service does not', async () => {
    // The configserver (chapter 03) with the bus endpoints plugged into its extraRoutes seam.
    const { connection: serverBroker } = fixtures.connect(uniqueName('configserver'));
    const bus = new BusPublisher(serverBroker, {
      originService: 'configserver:native:0:x',
      exchange,
      logger: recordingLogger(),
    });
    const configServer = await serve(
      buildConfigServerApp({ repository: nativeRepository(repo.dir), extraRoutes: busRefreshRoutes(bus) }),
      { host: '127.0.0.1', port: 0, onClosed: async () => undefined },
    );
    const serverUrl = `http://127.0.0.1:${configServer.port}`;

    try {
      // Two accountservice instances, wired as main.ts would: the bus listener calls config.refresh().
      const instances = await Promise.all(
        [1, 2].map(async (n) => {
          const config = await loadConfig({
            application: 'accountservice',
            profile: 'dev',
            serverUrl,
            schema: AccountSchema,
            liveKeys: ['accounts.vip-ids'],
            env: {},
            logger: quiet,
          });
          const { connection } = fixtures.connect(uniqueName(`accountservice-${n}`));
          const listener = new BusListener(connection, {
            busId: busIdFor('accountservice', 'dev', 6767 + n),
            exchange,
            logger: recordingLogger(),
            onRefresh: () => config.refresh(),
          });
          return { config, listener };
        }),
      );
      const quotes = recordingListener(
        fixtures.connect(uniqueName('quotes-service')).connection,
        'quotes-service',
        exchange,
      );
      await eventually(
        () => [...instances, quotes].every(({ listener }) => listener.listening) && serverBroker.connected,
        'everyone on the bus',
      );
      expect(instances.map((i) => i.config.current.accounts.vipIds)).toEqual([['10000'], ['10000']]);

      const file = path.join(repo.dir, 'accountservice.yml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace("- '10000'", "- '10000'\n    - '10042'"));
      await request(serverUrl).post('/actuator/busrefresh/accountservice').expect(204);

      await eventually(
        () => instances.every((i) => i.config.current.accounts.vipIds.includes('10042')),
        'both instances see the new VIP list',
      );
      await eventually(() => quotes.listener.stats.ignored === 1, 'quotes-service passed over the event');
      expect(quotes.refreshes).toHaveLength(0);
      expect(instances.map((i) => i.listener.stats.refreshed)).toEqual([1, 1]);
    } finally {
      await configServer.shutdown();
    }
  });
});
