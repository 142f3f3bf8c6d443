import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../lib/gateway/signature';

const secret = 'gateway-secret';
const body = '{"id":"ABC","from":"628123456789","text":"halo"}';
// Independently computed, so a change to how we sign is caught, not mirrored.
const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('gateway webhook signature (X-Loket-Signature)', () => {
  it('is sha256=<hex HMAC-SHA256 of the raw body>', () => {
    expect(signBody(body, secret)).toBe(expected);
    expect(signBody(body, secret)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('accepts the right signature, also with surrounding whitespace', () => {
    expect(verifySignature(body, expected, secret)).toBe(true);
    expect(verifySignature(body, `  ${expected}\n`, secret)).toBe(true);
  });

  it('rejects a missing or empty header', () => {
    expect(verifySignature(body, null, secret)).toBe(false);
    expect(verifySignature(body, '', secret)).toBe(false);
  });

  it('rejects a signature made with another secret, or for another body', () => {
    expect(verifySignature(body, signBody(body, 'other-secret'), secret)).toBe(false);
    expect(verifySignature(body.replace('halo', 'hal0'), expected, secret)).toBe(false);
    // Re-serialised JSON is a different raw body: the signature covers bytes, not meaning.
    expect(verifySignature(JSON.stringify(JSON.parse(body), null, 1), expected, secret)).toBe(false);
  });

  it('rejects a header of a different length without throwing', () => {
    expect(verifySignature(body, expected.slice(0, -1), secret)).toBe(false);
    expect(verifySignature(body, `${expected}0`, secret)).toBe(false);
    expect(verifySignature(body, expected.replace('sha256=', ''), secret)).toBe(false);
    expect(verifySignature(body, 'sha256=é', secret)).toBe(false);
  });

  it('rejects the right hex under another scheme name', () => {
    expect(verifySignature(body, expected.replace('sha256=', 'sha512='), secret)).toBe(false);
  });
});
