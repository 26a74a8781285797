import type { TLSSocket } from 'node:tls';

/** What the TLS layer negotiated, for the evidence. */
export interface TlsDetails {
  protocol: string | null;
  cipher: string;
  clientCertificate?: { subject: string; issuer: string; commonName: string; fingerprint256: string; validTo: string };
}

export type CertificateCheck =
  | { ok: true }
  | { ok: false; reason: 'no-client-certificate' | 'untrusted-client-certificate' | 'certificate-identity-mismatch'; detail: string };

/**
 * Security profile 3: the station must present a certificate that chains to the configured CA,
 * and its common name must be the station identity.
 */
export function checkClientCertificate(socket: TLSSocket, identity: string): CertificateCheck {
  const certificate = socket.getPeerCertificate();
  if (!certificate || Object.keys(certificate).length === 0) {
    return { ok: false, reason: 'no-client-certificate', detail: 'security profile 3 requires a client certificate' };
  }
  if (!socket.authorized) {
    return { ok: false, reason: 'untrusted-client-certificate', detail: `the client certificate is not trusted: ${String(socket.authorizationError)}` };
  }
  const commonName = firstValue(certificate.subject?.CN);
  if (commonName !== identity) {
    return {
      ok: false,
      reason: 'certificate-identity-mismatch',
      detail: `the certificate's CN ${JSON.stringify(commonName ?? '')} is not the identity ${JSON.stringify(identity)}`,
    };
  }
  return { ok: true };
}

export function describeTls(socket: TLSSocket): TlsDetails {
  const details: TlsDetails = { protocol: socket.getProtocol(), cipher: socket.getCipher()?.name ?? '' };
  const certificate = socket.getPeerCertificate();
  if (certificate && Object.keys(certificate).length > 0) {
    details.clientCertificate = {
      subject: formatName(certificate.subject),
      issuer: formatName(certificate.issuer),
      commonName: firstValue(certificate.subject?.CN) ?? '',
      fingerprint256: certificate.fingerprint256,
      validTo: certificate.valid_to,
    };
  }
  return details;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function formatName(name: Record<string, string | string[] | undefined> | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join("+") : (value ?? "")}`)
    .join(', ');
}
