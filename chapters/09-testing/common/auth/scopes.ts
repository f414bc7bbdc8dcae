/** The scopes of a token's `scope` claim (a space-separated string, RFC 9068 §2.2.3). */
export function scopesOf(claim: unknown): Set<string> {
  return new Set(typeof claim === 'string' ? claim.split(' ').filter(Boolean) : []);
}

/** The scopes in `required` that `granted` lacks (none: the token may do this). */
export function missingScopes(granted: ReadonlySet<string>, required: string): string[] {
  return required.split(' ').filter((scope) => scope !== '' && !granted.has(scope));
}
