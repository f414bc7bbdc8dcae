import type { LevelWithSilent, Logger } from 'pino';
import { type FlatConfig, levelsFromConfig } from './log-levels';

export interface LevelChange {
  logger: string;
  from: string;
  to: string;
}

/**
 * The service's loggers by name: `root` (the service's own, also reachable by the service's name)
 * and children such as `amqp` or `http-client`, each with its own level. applyLevels() sets them all
 * from `logging.level.*` keys while the service runs, e.g. after a config refresh.
 */
export class NamedLoggers {
  private readonly children = new Map<string, Logger>();
  private wanted = new Map<string, LevelWithSilent>();

  /** The level the root falls back to when config names none: the one it was created with. */
  private readonly defaultLevel: LevelWithSilent;

  constructor(
    readonly root: Logger,
    private readonly service: string,
  ) {
    this.defaultLevel = root.level as LevelWithSilent;
  }

  /** The logger named `name` (its lines say `logger: name`); the same one on every call. */
  get(name: string): Logger {
    if (name === 'root' || name === this.service) return this.root;
    let child = this.children.get(name);
    if (!child) {
      child = this.root.child({ logger: name }, { level: this.wanted.get(name) ?? this.root.level });
      this.children.set(name, child);
    }
    return child;
  }

  /**
   * Applies the levels the configuration asks for and returns what changed. The root's level comes
   * from `logging.level.<service>`, else `logging.level.root`, else the default; a named logger
   * without its own key follows the root. A bad value throws LogLevelError and changes nothing.
   */
  applyLevels(config: FlatConfig): LevelChange[] {
    const wanted = levelsFromConfig(config);
    this.wanted = wanted;
    const rootLevel = wanted.get(this.service) ?? wanted.get('root') ?? this.defaultLevel;
    const all: [string, Logger][] = [['root', this.root], ...this.children];
    // Read first: a child without a level of its own follows the root's through pino's prototype chain.
    const before = all.map(([name, logger]) => ({ name, logger, from: logger.level }));
    this.root.level = rootLevel;
    for (const [name, child] of this.children) child.level = wanted.get(name) ?? rootLevel;
    const changes: LevelChange[] = before
      .filter(({ logger, from }) => logger.level !== from)
      .map(({ name, logger, from }) => ({ logger: name, from, to: logger.level }));
    return changes;
  }
}
