import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Pem {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

export interface TestPki {
  dir: string;
  ca: Pem;
  /** A second CA the CSMS does not trust. */
  otherCa: Pem;
  /** Server certificate for 127.0.0.1 / localhost, RSA. */
  serverRsa: Pem;
  /** Server certificate for 127.0.0.1 / localhost, ECDSA P-256. */
  serverEcdsa: Pem;
  /** Make a client certificate with this CN, signed by `ca` (default) or `otherCa`. */
  client: (commonName: string, signer?: 'ca' | 'otherCa') => Pem;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** Real certificates made with the openssl command line in a temporary directory. */
export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-audit-pki-'));
  const read = (name: string): Pem => ({
    certFile: join(dir, `${name}.crt`),
    keyFile: join(dir, `${name}.key`),
    cert: readFileSync(join(dir, `${name}.crt`), 'utf8'),
    key: readFileSync(join(dir, `${name}.key`), 'utf8'),
  });
  const makeCa = (name: string): Pem => {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${name}`], dir);
    return read(name);
  };
  const sign = (name: string, signer: string, keyArgs: string[], subject: string, extensions: string): Pem => {
    openssl([...keyArgs, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
    writeFileSync(join(dir, `${name}.ext`), extensions);
    openssl(
      ['x509', '-req', '-in', `${name}.csr`, '-CA', `${signer}.crt`, '-CAkey', `${signer}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`],
      dir,
    );
    return read(name);
  };
  const serverExt = 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n';
  const ca = makeCa('ca');
  const otherCa = makeCa('other-ca');
  const serverRsa = sign('server-rsa', 'ca', ['req', '-newkey', 'rsa:2048'], '/CN=localhost', serverExt);
  const serverEcdsa = sign('server-ecdsa', 'ca', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], '/CN=localhost', serverExt);
  let serial = 0;
  const client = (commonName: string, signer: 'ca' | 'otherCa' = 'ca'): Pem =>
    sign(`client-${++serial}`, signer === 'ca' ? 'ca' : 'other-ca', ['req', '-newkey', 'rsa:2048'], `/CN=${commonName}`, 'extendedKeyUsage=clientAuth\n');
  return { dir, ca, otherCa, serverRsa, serverEcdsa, client };
}
