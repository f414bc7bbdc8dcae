import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Panel {
  title: string;
  datasource?: { uid?: string };
  targets: Array<{ expr: string }>;
}

/** The breaker dashboard's panels and their PromQL, for tests that run them against real data. */
export function dashboardPanels(): Panel[] {
  const dashboard = JSON.parse(readFileSync(path.join(__dirname, 'dashboards', 'breakers.json'), 'utf8')) as {
    panels: Panel[];
  };
  return dashboard.panels;
}
