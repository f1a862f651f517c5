/**
 * The served API's TLS identity and client credentials: a self-signed certificate made at start
 * (@peculiar/x509 over Web Crypto, for 127.0.0.1 and localhost), a random bearer token, and the
 * kubeconfig that tells kubectl both. kubectl sends a bearer token only over TLS.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

/** A certificate and its private key, PEM-encoded. */
export interface TlsIdentity {
  readonly cert: string;
  readonly key: string;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** A fresh self-signed certificate for the loopback interface, valid for 30 days. */
export async function makeTlsIdentity(): Promise<TlsIdentity> {
  // Node's Web Crypto is structurally the DOM's Crypto, which this Node-only tsconfig does not declare.
  (x509.cryptoProvider as unknown as { set(crypto: unknown): void }).set(webcrypto);
  const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex').replace(/^[89a-f]/, '1'),
    name: 'CN=kube-anatomy', notBefore: new Date(now - 60_000), notAfter: new Date(now + 30 * 86_400_000),
    keys: keys as unknown as x509.X509CertificateCreateSelfSignedParams['keys'], signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }, { type: 'dns', value: 'localhost' }]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
  return { cert: cert.toString('pem') + '\n', key };
}

/** A random bearer token (256 bits). */
export function makeToken(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

/** The kubeconfig for context `kube-anatomy`. */
export function kubeconfig(server: string, caPem: string, token: string): string {
  return `apiVersion: v1
kind: Config
clusters:
  - name: kube-anatomy
    cluster:
      server: ${server}
      certificate-authority-data: ${Buffer.from(caPem).toString('base64')}
users:
  - name: kube-anatomy-learner
    user:
      token: ${token}
contexts:
  - name: kube-anatomy
    context:
      cluster: kube-anatomy
      user: kube-anatomy-learner
      namespace: default
current-context: kube-anatomy
`;
}
