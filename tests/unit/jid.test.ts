import { describe, expect, it } from 'vitest';
import { parseCustomerAddress } from '../../lib/domain/jid';

const phone = (digits: string) => ({ phone: digits, phoneJid: `${digits}@s.whatsapp.net`, lidJid: null });

describe('parseCustomerAddress: what a gateway sends as "from"', () => {
  it.each([
    ['628123456789', '628123456789'],
    ['+628123456789', '628123456789'],
    ['+62 812-3456-789', '628123456789'],
    ['  62 812 3456 789  ', '628123456789'],
    ['(021) 555-0199', '0215550199'],
  ])('bare digits %j become the phone %s', (input, digits) => {
    expect(parseCustomerAddress(input)).toEqual(phone(digits));
  });

  it.each([
    ['628123456789@s.whatsapp.net', '628123456789'],
    ['628123456789:12@s.whatsapp.net', '628123456789'],
    ['628123456789@c.us', '628123456789'],
    ['628123456789@S.WhatsApp.Net', '628123456789'],
  ])('phone JID %j is the same customer as %s (device suffix and @c.us folded)', (input, digits) => {
    expect(parseCustomerAddress(input)).toEqual(phone(digits));
  });

  it('a privacy id (@lid) has no phone number, only the LID JID', () => {
    expect(parseCustomerAddress('123456789012345@lid')).toEqual({ phone: null, phoneJid: null, lidJid: '123456789012345@lid' });
    expect(parseCustomerAddress('123456789012345:3@lid')).toEqual({ phone: null, phoneJid: null, lidJid: '123456789012345@lid' });
  });

  it.each([
    ['120363025246125486@g.us', 'group'],
    ['status@broadcast', 'status'],
    ['1234567890@broadcast', 'broadcast list'],
    ['120363170000000000@newsletter', 'channel'],
  ])('%j (a %s) makes no ticket', (input) => {
    expect(parseCustomerAddress(input)).toEqual({ error: expect.stringContaining('do not make tickets') });
  });

  it.each([
    '',
    '   ',
    'budi',
    '1234',
    '62812abc',
    '123456789012345678901',
    'abc@s.whatsapp.net',
    '1234@s.whatsapp.net',
    '628123456789@example.com',
    '@s.whatsapp.net',
  ])('garbage %j is rejected with a reason', (input) => {
    const result = parseCustomerAddress(input);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error.length).toBeGreaterThan(10);
  });
});
