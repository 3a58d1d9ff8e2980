import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

// PKCS#8 header of an Ed25519 private key; the 32-byte seed follows it.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Signs deletion receipts with Ed25519. The key is derived from the KEK, so it survives restarts
 * without being stored; its public half is published so anyone can check a receipt.
 */
export class ReceiptSigner {
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;

  constructor(seed: Buffer) {
    this.privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    this.publicKeyPem = createPublicKey(this.privateKey).export({ format: 'pem', type: 'spki' }).toString();
  }

  sign(body: string): string {
    return sign(null, Buffer.from(body), this.privateKey).toString('base64');
  }

  static verify(publicKeyPem: string, body: string, signature: string): boolean {
    return verify(null, Buffer.from(body), publicKeyPem, Buffer.from(signature, 'base64'));
  }
}
