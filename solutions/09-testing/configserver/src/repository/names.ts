/**
 * {application}, {profile} and {label} become parts of file names, so they must be plain names:
 * letters, digits, `.`, `_`, `-`, starting with a letter or digit, never `..`, never a slash.
 * Anything else (including an encoded `../`) is a client mistake, answered with 400.
 */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export class BadNameError extends Error {}

export function checkName(kind: 'application' | 'profile' | 'label', value: string): string {
  if (!NAME.test(value) || value.includes('..')) {
    throw new BadNameError(
      `Invalid ${kind} ${JSON.stringify(value.slice(0, 120))}: use 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  }
  return value;
}

/** `dev,mysql` → ['dev', 'mysql'] (Spring's comma-separated profiles; the last one wins). */
export function parseProfiles(value: string): string[] {
  const profiles = value.split(',').map((profile) => checkName('profile', profile.trim()));
  return [...new Set(profiles)];
}

/** `/{application}-{profile}.yml`: Spring splits at the last hyphen, so profiles have none. */
const FILE_FORM = /^(.+)-([^-]+)\.(yml|yaml|properties|json)$/;

export type FileFormat = 'yml' | 'yaml' | 'properties' | 'json';

export function parseFileForm(
  segment: string,
): { application: string; profiles: string[]; format: FileFormat } | undefined {
  const match = FILE_FORM.exec(segment);
  if (!match) return undefined;
  return {
    application: checkName('application', match[1]),
    profiles: parseProfiles(match[2]),
    format: match[3] as FileFormat,
  };
}
