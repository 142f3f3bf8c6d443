import { describe, expect, it } from 'vitest';
import { gatewayWebhookSchema } from '../../lib/gateway/webhook-body';

const valid = { id: '3EB0C767D26A8B5C', from: '628123456789', name: 'Budi', text: 'Halo, pesanan saya belum sampai', timestamp: 1767600000 };

const problem = (input: unknown) => {
  const result = gatewayWebhookSchema.safeParse(input);
  return result.success ? null : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe('gatewayWebhookSchema: the inbound message contract', () => {
  it('accepts the contract body and trims the id and from', () => {
    expect(gatewayWebhookSchema.parse(valid)).toEqual(valid);
    expect(gatewayWebhookSchema.parse({ ...valid, id: ' X1 ', from: ' 628123456789 ' })).toMatchObject({ id: 'X1', from: '628123456789' });
  });

  it('name and timestamp are optional; name may be null', () => {
    expect(gatewayWebhookSchema.parse({ id: 'a', from: '628123456789', text: 'hi' })).toEqual({ id: 'a', from: '628123456789', text: 'hi' });
    expect(gatewayWebhookSchema.parse({ ...valid, name: null }).name).toBeNull();
  });

  it.each([
    [{ ...valid, id: undefined }, /^id: /],
    [{ ...valid, id: '   ' }, /id: id is required/],
    [{ ...valid, from: undefined }, /^from: /],
    [{ ...valid, text: undefined }, /^text: /],
    [{ ...valid, text: '' }, /text: text is required/],
  ])('a missing required field is named: %j', (input, message) => {
    expect(problem(input)).toMatch(message);
  });

  it.each([
    [{ ...valid, id: 42 }, /^id: /],
    [{ ...valid, from: 628123456789 }, /^from: /],
    [{ ...valid, text: ['halo'] }, /^text: /],
    [{ ...valid, timestamp: '1767600000' }, /^timestamp: /],
    [{ ...valid, timestamp: 1767600000.5 }, /^timestamp: /],
    [{ ...valid, timestamp: -1 }, /^timestamp: /],
  ])('a wrong type is named: %j', (input, message) => {
    expect(problem(input)).toMatch(message);
  });

  it('a timestamp in milliseconds is refused as not being unix seconds', () => {
    expect(problem({ ...valid, timestamp: 1767600000000 })).toMatch(/timestamp must be unix seconds/);
  });

  it('refuses bodies that are not objects', () => {
    for (const input of [null, 'text', 42, []]) expect(problem(input)).not.toBeNull();
  });
});
