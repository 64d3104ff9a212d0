import { describe, expect, it } from 'vitest';
import { FieldCipher, FieldCryptoError, generateKeyText, keyIdOf, parseKeyMaterial } from './crypto';

describe('field encryption', () => {
  const k1 = parseKeyMaterial(generateKeyText())[0];
  const k2 = parseKeyMaterial(generateKeyText())[0];

  it('round-trips with a fresh IV per value and names its key', () => {
    const c = new FieldCipher([k1]);
    const a = c.encrypt('腰椎间盘突出', 't1:col:m1');
    const b = c.encrypt('腰椎间盘突出', 't1:col:m1');
    expect(a).not.toBe(b);
    expect(a.split('.')).toHaveLength(5);
    expect(FieldCipher.keyIdOfCiphertext(a)).toBe(keyIdOf(k1));
    expect(c.decrypt(a, 't1:col:m1')).toBe('腰椎间盘突出');
  });

  it('refuses another row’s ciphertext, tampering and unknown keys', () => {
    const c = new FieldCipher([k1]);
    const ct = c.encrypt('E1234567', 't1:id_number:m1');
    expect(() => c.decrypt(ct, 't1:id_number:m2')).toThrow(FieldCryptoError);
    const parts = ct.split('.');
    parts[4] = Buffer.from('x').toString('base64url') + parts[4].slice(2);
    expect(() => c.decrypt(parts.join('.'), 't1:id_number:m1')).toThrow(FieldCryptoError);
    expect(() => new FieldCipher([k2]).decrypt(ct, 't1:id_number:m1')).toThrow(/not configured/);
  });

  it('re-encrypts old ciphertext under the first key and leaves current ones alone', () => {
    const old = new FieldCipher([k1]).encrypt('v', 'a');
    const both = new FieldCipher([k2, k1]);
    const moved = both.reencrypt(old, 'a');
    expect(moved.changed).toBe(true);
    expect(FieldCipher.keyIdOfCiphertext(moved.value)).toBe(keyIdOf(k2));
    expect(both.reencrypt(moved.value, 'a')).toEqual({ value: moved.value, changed: false });
    expect(new FieldCipher([k2]).decrypt(moved.value, 'a')).toBe('v');
  });

  it('reads key files with comments and several keys, and refuses bad keys', () => {
    const text = `# keys, current first: keep them safe, back them up\n${k2.toString('base64')}\n\n${k1.toString('base64')} # previous\n`;
    expect(parseKeyMaterial(text).map(keyIdOf)).toEqual([keyIdOf(k2), keyIdOf(k1)]);
    expect(parseKeyMaterial(`${k1.toString('base64')},${k2.toString('base64')}`)).toHaveLength(2);
    expect(() => parseKeyMaterial('# nothing here')).toThrow(/no key/);
    expect(() => parseKeyMaterial(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => parseKeyMaterial('not base64!')).toThrow(/not base64/);
  });
});
