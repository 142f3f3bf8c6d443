// WhatsApp addresses: a customer is "<digits>@s.whatsapp.net" (phone) or "<id>@lid" (privacy id).

export interface CustomerAddress {
  phone: string | null;
  phoneJid: string | null;
  lidJid: string | null;
}

const UNSUPPORTED = ['@g.us', '@broadcast', '@newsletter', 'status@'];

/** Parses what a gateway sends as "from": bare digits (with +, spaces or dashes) or a JID. */
export function parseCustomerAddress(input: string): CustomerAddress | { error: string } {
  const value = input.trim();
  if (UNSUPPORTED.some((marker) => value.includes(marker))) {
    return { error: 'group, broadcast, status and newsletter addresses do not make tickets' };
  }
  const at = value.indexOf('@');
  if (at === -1) {
    const digits = value.replace(/[\s\-().+]/g, '');
    if (!/^\d{5,20}$/.test(digits)) return { error: 'from must be a phone number (digits) or a WhatsApp JID' };
    return { phone: digits, phoneJid: `${digits}@s.whatsapp.net`, lidJid: null };
  }
  const user = value.slice(0, at).split(':')[0] ?? '';
  const server = value.slice(at + 1).toLowerCase();
  if (!/^\d{1,30}$/.test(user)) return { error: 'from has an invalid JID user part' };
  if (server === 's.whatsapp.net' || server === 'c.us') {
    if (user.length < 5) return { error: 'from has an invalid phone number' };
    return { phone: user, phoneJid: `${user}@s.whatsapp.net`, lidJid: null };
  }
  if (server === 'lid') return { phone: null, phoneJid: null, lidJid: `${user}@lid` };
  return { error: `from has an unsupported JID server "${server}"` };
}
