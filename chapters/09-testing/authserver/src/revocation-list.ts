/**
 * The ids (`jti`) of JWT access tokens revoked before they expired. A JWT cannot be recalled, so
 * resource servers fetch this list (GET /revocations) and refuse what is on it. An entry leaves the
 * list when its token expires anyway, so the list stays as short as the tokens are short-lived.
 */
export class RevocationList {
  private readonly revoked = new Map<string, number>();

  add(jti: string, expiresAtS: number): void {
    this.revoked.set(jti, expiresAtS);
  }

  has(jti: string): boolean {
    return this.revoked.has(jti);
  }

  entries(nowS = Math.floor(Date.now() / 1000)): { jti: string; exp: number }[] {
    for (const [jti, exp] of this.revoked) if (exp < nowS) this.revoked.delete(jti);
    return [...this.revoked].map(([jti, exp]) => ({ jti, exp }));
  }
}
