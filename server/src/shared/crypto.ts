import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Field encryption for sensitive personal data (health, ID numbers): AES-256-GCM with a random
 * 96-bit IV per value. A ciphertext names the key that made it,
 *   `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts),
 * so keys can be rotated: the first key encrypts, every configured key decrypts, and a rotation
 * re-encrypts whatever is not under the first key. The associated data (AAD) binds a value to
 * its tenant, column and row, so a ciphertext copied to another member does not decrypt.
 * No I/O here: config/ reads or creates the key material.
 */
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

export class FieldCryptoError extends Error {}

/** A short, stable, non-secret name for a key (first 8 base64url chars of its SHA-256). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

/** A new random key as base64 (what TESSERA_DATA_KEY and key files hold). */
export function generateKeyText(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/**
 * Parse key material: base64 keys separated by commas or new lines, the first being current.
 * Blank lines and `#` comments are ignored. Throws with a readable message on a bad key.
 */
export function parseKeyMaterial(text: string): Buffer[] {
  const parts = text
    .split('\n')
    .flatMap((line) => line.replace(/#.*$/, '').split(','))
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) throw new FieldCryptoError('no key found');
  return parts.map((p, i) => {
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(p)) throw new FieldCryptoError(`key ${i + 1} is not base64`);
    const buf = Buffer.from(p.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (buf.length !== KEY_BYTES) throw new FieldCryptoError(`key ${i + 1} must be ${KEY_BYTES} bytes (base64 of 32 random bytes), got ${buf.length}`);
    return buf;
  });
}

export class FieldCipher {
  readonly #keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(keys: Buffer[]) {
    if (!keys.length) throw new FieldCryptoError('at least one key is required');
    for (const k of keys) {
      if (k.length !== KEY_BYTES) throw new FieldCryptoError(`keys must be ${KEY_BYTES} bytes`);
      const id = keyIdOf(k);
      if (!this.#keys.has(id)) this.#keys.set(id, k);
    }
    this.currentKeyId = keyIdOf(keys[0]);
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  encrypt(plaintext: string, aad: string): string {
    const key = this.#keys.get(this.currentKeyId)!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.currentKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(ciphertext: string, aad: string): string {
    const parts = ciphertext.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new FieldCryptoError('not a field ciphertext');
    const [, keyId, ivText, tagText, ctText] = parts;
    const key = this.#keys.get(keyId);
    if (!key) throw new FieldCryptoError(`ciphertext was made with key ${keyId}, which is not configured`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tagText, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(ctText, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCryptoError('ciphertext failed authentication (wrong key, row or column)');
    }
  }

  /** Which key made a ciphertext (null when it is not one). */
  static keyIdOfCiphertext(ciphertext: string): string | null {
    const parts = ciphertext.split('.');
    return parts.length === 5 && parts[0] === VERSION ? parts[1] : null;
  }

  /** Re-encrypt under the current key; returns the input unchanged when already current. */
  reencrypt(ciphertext: string, aad: string): { value: string; changed: boolean } {
    if (FieldCipher.keyIdOfCiphertext(ciphertext) === this.currentKeyId) return { value: ciphertext, changed: false };
    return { value: this.encrypt(this.decrypt(ciphertext, aad), aad), changed: true };
  }
}
