import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { freePort } from '@workshop/testkit';
import { CountingExporter } from '../index';
import { eventually } from './helpers/traced-process';

it('counts the spans a closed trace store did not take and warns once per outage', async () => {
  const url = `http://127.0.0.1:${await freePort()}/api/v2/spans`;
  const warnings: string[] = [];
  const infos: string[] = [];
  const counting = new CountingExporter(new ZipkinExporter({ url }), url, {
    warn: (m) => warnings.push(m),
    info: (m) => infos.push(m),
  });
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: counting })] });
  const tracer = provider.getTracer('test');
  for (let i = 0; i < 5; i++) tracer.startSpan(`span ${i}`).end();
  await eventually(() => (counting.dropped === 5 ? true : undefined), '5 dropped spans');
  expect(counting.exported).toBe(0);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(new RegExp(`cannot send spans to ${url} \\(connect ECONNREFUSED`));
  expect(infos).toEqual([]);
  await provider.shutdown();
});
