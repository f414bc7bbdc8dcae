import YAML from 'yaml';
import type { FileFormat } from '../repository/names';
import type { Environment } from '../repository/environment';
import { mergedProperties } from './merge';
import { nest } from './nest';

export interface Rendered {
  contentType: string;
  body: string;
}

/** The merged environment as one file: Spring's `/{application}-{profile}.yml|.yaml|.properties|.json`. */
export function render(environment: Environment, format: FileFormat): Rendered {
  const flat = mergedProperties(environment);
  switch (format) {
    case 'properties':
      return {
        contentType: 'text/plain; charset=utf-8',
        body: Object.entries(flat)
          .map(([key, value]) => `${key}: ${value}`)
          .join('\n'),
      };
    case 'json':
      return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(nest(flat)) };
    case 'yml':
    case 'yaml':
      return { contentType: 'text/plain; charset=utf-8', body: YAML.stringify(nest(flat)) };
  }
}
