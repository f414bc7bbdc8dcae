/**
 * The Spring Cloud Config "Environment": what `GET /{application}/{profile}[/{label}]` answers.
 * Same field names and order as Spring's org.springframework.cloud.config.environment.Environment.
 */
export type PropertyValue = string | number | boolean;

export interface PropertySource {
  /** Where the properties came from; for a file-based repository, `file:<absolute path>`. */
  name: string;
  /** Flattened keys: nested YAML becomes `a.b.c`, list items `a.b[0]`. */
  source: Record<string, PropertyValue>;
}

export interface Environment {
  name: string;
  profiles: string[];
  label: string | null;
  version: string | null;
  state: string | null;
  /** Most specific first: the first source that has a key wins. */
  propertySources: PropertySource[];
}

/** The seam a different backend (git, a database) would implement. */
export interface EnvironmentRepository {
  findOne(application: string, profiles: string[], label: string | null): Promise<Environment>;
  /** Resolves when the repository can be read; rejects with the reason otherwise. */
  check(): Promise<void>;
}
