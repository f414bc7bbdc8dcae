/** The scopes of a token's `scope` claim (a space-separated string, RFC 9068 §2.2.3). */
export function scopesOf(claim: unknown): Set<string> {
  return new Set(typeof claim === 'string' ? claim.split(' ').filter(Boolean) : []);
}

/** The scopes in `required` that `granted` lacks (none: the token may do this). */
export function missingScopes(granted: ReadonlySet<string>, required: string): string[] {
  // @exercise auth-scope: Return each space-separated scope of `required` that is not in `granted`.
  // @hint Every scope a route needs must be granted exactly (a prefix is not a grant), and an empty requirement needs nothing.
  // @hint-api required.split(' '), drop empty strings, keep those for which granted.has(scope) is false.
  return required.split(' ').filter((scope) => scope !== '' && !granted.has(scope));
  // @starter
  // // Not finished: only the first required scope is checked, and a granted prefix passes for it.
  // const first = required.split(' ')[0] ?? '';
  // return [...granted].some((scope) => first.startsWith(scope)) ? [] : [first];
  // @end
}
