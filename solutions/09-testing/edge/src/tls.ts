import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TlsFiles {
  key: string;
  cert: string;
}

const SECRET_KEY = 'edge-tls-key';
const SECRET_CERT = 'edge-tls-cert';

/**
 * The edge's certificate: Docker secrets `edge-tls-key`/`edge-tls-cert` when present, else a
 * self-signed one for localhost / 127.0.0.1 made at first start (and again once it expires) into
 * the git-ignored TLS folder. Browsers warn about it: it is for local mode only.
 */
export async function loadOrCreateTls(tlsDir: string, secretsDir: string): Promise<TlsFiles> {
  const secretKey = path.join(secretsDir, SECRET_KEY);
  const secretCert = path.join(secretsDir, SECRET_CERT);
  if (fs.existsSync(secretKey) && fs.existsSync(secretCert)) {
    return { key: fs.readFileSync(secretKey, 'utf8'), cert: fs.readFileSync(secretCert, 'utf8') };
  }
  const keyFile = path.join(tlsDir, 'key.pem');
  const certFile = path.join(tlsDir, 'cert.pem');
  if (fs.existsSync(keyFile) && fs.existsSync(certFile) && stillValid(fs.readFileSync(certFile, 'utf8'))) {
    return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
  }
  const made = await selfSigned();
  fs.mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(keyFile, made.key, { mode: 0o600 });
  fs.writeFileSync(certFile, made.cert);
  return made;
}

async function selfSigned(): Promise<TlsFiles> {
  const notAfter = new Date(Date.now() + 90 * 24 * 3600_000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

function stillValid(pem: string): boolean {
  try {
    return new Date(new X509Certificate(pem).validTo).getTime() > Date.now() + 24 * 3600_000;
  } catch {
    return false;
  }
}
