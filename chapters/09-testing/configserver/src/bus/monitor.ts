/**
 * spring-cloud-config-monitor's `/monitor`: a webhook from the config repository names changed
 * files; each file names the services to refresh (Spring's PropertyPathEndpoint.guessServiceName).
 */

/** The changed files in a `/monitor` body: `{ path }` / form `path=…` (one or more), or a GitHub-style push. */
export function changedPaths(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const record = body as Record<string, unknown>;
  const paths: string[] = [];
  const add = (value: unknown) => {
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string' && item) paths.push(item);
  };
  add(record.path);
  if (Array.isArray(record.commits)) {
    for (const commit of record.commits as Array<Record<string, unknown>>) {
      add(commit?.added);
      add(commit?.modified);
      add(commit?.removed);
    }
  }
  return [...new Set(paths)];
}

/**
 * `accountservice-dev.yml` → `accountservice:dev` and `accountservice-dev` (in case that is a
 * service's name); `application.yml` → `*` (everyone); `application-dev.yml` → `*:dev`. Every `-`
 * could separate the name from a profile, as in Spring.
 */
export function serviceNamesFor(path: string): string[] {
  const file = path.split('/').pop() ?? '';
  const stem = file.includes('.') ? file.slice(0, file.lastIndexOf('.')) : file;
  if (!stem) return [];
  const names: string[] = [];
  for (let index = stem.indexOf('-'); index >= 0; index = stem.indexOf('-', index + 1)) {
    const name = stem.slice(0, index);
    const profile = stem.slice(index + 1);
    if (name === 'application') names.push(`*:${profile}`);
    else if (!name.startsWith('application')) names.push(`${name}:${profile}`);
  }
  if (stem === 'application') names.push('*');
  else if (!stem.startsWith('application')) names.push(stem);
  return names;
}
