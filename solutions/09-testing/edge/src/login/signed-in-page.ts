/** After sign-in (local demo only): the access token to try the API with, no script. */
export function signedInPage(accessToken: string, expiresIn: number, scope: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Signed in · Lean &amp; Mean</title></head>
<body>
<main>
<h1>Signed in</h1>
<p>Your access token (scope <code id="scope">${escapeHtml(scope)}</code>, valid ${expiresIn} s):</p>
<textarea id="access-token" readonly rows="8" cols="80">${escapeHtml(accessToken)}</textarea>
<p>Try it: <code>curl --cacert edge/.tls/cert.pem -H "Authorization: Bearer $TOKEN" https://127.0.0.1:8765/api/accounts/10000</code> (from the chapter folder)</p>
</main>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
