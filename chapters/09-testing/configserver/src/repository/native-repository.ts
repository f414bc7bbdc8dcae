import fs from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import type { Environment, EnvironmentRepository, PropertySource } from './environment';
import { flatten } from './flatten';

/** A repository file that cannot be served (bad YAML, several documents, not a map). */
export class ConfigFileError extends Error {}
/** The repository folder itself cannot be read. */
export class RepositoryUnavailableError extends Error {}

const EXTENSIONS = ['.yml', '.yaml'];

/**
 * Spring's "native" backend over a folder of YAML files, read afresh on every request (so an edited
 * file is served at the next fetch, which is what a refresh relies on).
 *
 * For application `accountservice` and profiles `dev,docker` the sources are, most specific first:
 *   accountservice-docker.yml, application-docker.yml, accountservice-dev.yml, application-dev.yml,
 *   accountservice.yml, application.yml
 * (the last profile wins; app-specific files beat the shared application*.yml). An unknown
 * application simply has no files of its own, so it gets the shared sources only, as in Spring.
 * The label is echoed: a folder has no branches (Spring's native backend serves the same files).
 */
export function nativeRepository(dir: string): EnvironmentRepository {
  const root = path.resolve(dir);

  async function readSource(base: string): Promise<PropertySource[]> {
    const sources: PropertySource[] = [];
    for (const extension of EXTENSIONS) {
      const file = path.join(root, base + extension);
      // Names are validated before they get here; this is the second lock on the door.
      if (path.dirname(file) !== root) throw new ConfigFileError(`Refusing to read outside the repository: ${base}`);
      const text = await readIfPresent(file);
      if (text === undefined) continue;
      const tree = parseYaml(text, path.basename(file));
      if (tree) sources.push({ name: `file:${file}`, source: flatten(tree) });
    }
    return sources;
  }

  async function check(): Promise<void> {
    try {
      const stat = await fs.stat(root);
      if (!stat.isDirectory()) throw new Error('not a directory');
    } catch (err) {
      throw new RepositoryUnavailableError(`config repository ${root} cannot be read: ${(err as Error).message}`);
    }
  }

  return {
    check,
    async findOne(application, profiles, label) {
      await check();
      // Spring: spring.config.name = "application,<app>" unless the app is itself "application…".
      const names = application.startsWith('application') ? [application] : [application, 'application'];
      const bases = [
        ...[...profiles].reverse().flatMap((profile) => names.map((name) => `${name}-${profile}`)),
        ...names,
      ];
      const propertySources: PropertySource[] = [];
      for (const base of bases) propertySources.push(...(await readSource(base)));
      const environment: Environment = {
        name: application,
        profiles,
        label,
        version: null,
        state: null,
        propertySources,
      };
      return environment;
    },
  };
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** One YAML document holding a map; an empty file contributes nothing (as in Spring). */
function parseYaml(text: string, file: string): Record<string, unknown> | undefined {
  const list = YAML.parseAllDocuments(text, { merge: true });
  if (list.length > 1) {
    throw new ConfigFileError(`${file}: holds ${list.length} YAML documents; use one file per profile instead`);
  }
  if (list.length === 0) return undefined;
  const [document] = list;
  if (document.errors.length) throw new ConfigFileError(`${file}: ${document.errors[0].message.split('\n')[0]}`);
  const tree: unknown = document.toJS();
  if (tree === null || tree === undefined) return undefined;
  if (typeof tree !== 'object' || Array.isArray(tree)) {
    throw new ConfigFileError(
      `${file}: the top level must be a map of keys, not ${Array.isArray(tree) ? 'a list' : 'a value'}`,
    );
  }
  return tree as Record<string, unknown>;
}
