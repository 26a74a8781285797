import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ToolError } from '../errors.js';
import type { TlsMaterial } from '../ocpp/csms-server.js';

/**
 * Reads the CSMS's TLS certificates, keys and CA from PEM files, checking each one so that a wrong
 * file is named in a one-line error before the server starts.
 */
export function readTlsFiles(certFiles: string[], keyFiles: string[], caFile: string | undefined): TlsMaterial {
  if (certFiles.length === 0 || certFiles.length !== keyFiles.length) {
    throw new ToolError('ERR_INVALID_OPTION', `give one --tls-key for each --tls-cert (got ${certFiles.length} certificate(s), ${keyFiles.length} key(s))`);
  }
  const cert: string[] = [];
  const key: string[] = [];
  certFiles.forEach((certFile, index) => {
    const keyFile = keyFiles[index] ?? '';
    const certPem = readPem(certFile, 'certificate');
    const keyPem = readPem(keyFile, 'private key');
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(certPem);
    } catch (error) {
      throw new ToolError('ERR_TLS_FILE', `${certFile}: not a PEM certificate (${(error as Error).message})`);
    }
    let privateKey;
    try {
      privateKey = createPrivateKey(keyPem);
    } catch (error) {
      throw new ToolError('ERR_TLS_FILE', `${keyFile}: not a PEM private key (${(error as Error).message})`);
    }
    if (!certificate.checkPrivateKey(privateKey)) {
      throw new ToolError('ERR_TLS_FILE', `${keyFile}: this key does not belong to the certificate ${certFile}`);
    }
    cert.push(certPem);
    key.push(keyPem);
  });
  const material: TlsMaterial = { cert, key };
  if (caFile) {
    const ca = readPem(caFile, 'CA certificate');
    try {
      new X509Certificate(ca);
    } catch (error) {
      throw new ToolError('ERR_TLS_FILE', `${caFile}: not a PEM certificate (${(error as Error).message})`);
    }
    material.ca = ca;
  }
  return material;
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new ToolError('ERR_TLS_FILE', `${file}: cannot read the TLS ${what}: ${reason}`);
  }
}
