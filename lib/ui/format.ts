import type { TicketView } from '@/lib/domain/views';

const pad = (n: number) => String(n).padStart(2, '0');

/** Compact elapsed time for the queue: "45s", "2m 05s", "1h 02m 05s", "3d 04h". */
export function formatWaiting(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600) % 24;
  const d = Math.floor(total / 86400);
  if (d > 0) return `${d}d ${pad(h)}h`;
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

export function customerLabel(ticket: Pick<TicketView, 'customer_name' | 'customer_phone' | 'id'>): string {
  return ticket.customer_name?.trim() || ticket.customer_phone || `#${ticket.id}`;
}

/** "+62 812-3456-7890"-ish grouping makes a phone number readable at a glance. */
export function formatPhone(phone: string | null): string {
  if (!phone) return '';
  return phone.length > 6 ? `+${phone.slice(0, 2)} ${phone.slice(2, 5)}-${phone.slice(5, 9)}-${phone.slice(9)}`.replace(/-$/, '') : phone;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0] ?? '?';
  if (parts.length < 2) return first.slice(0, 2).toUpperCase();
  return `${first[0] ?? ''}${parts.at(-1)?.[0] ?? ''}`.toUpperCase();
}

/** "820 B", "14 KB", "3.2 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / 1024 / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** A voice note's length: "0:07", "12:03". */
export function formatDuration(seconds: number | null | undefined): string {
  if (!seconds || !Number.isFinite(seconds)) return '';
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)}:${pad(total % 60)}`;
}

/** WhatsApp shows pairing codes as two groups of four: "ABCD-EFGH". */
export function formatPairingCode(code: string): string {
  const clean = code.replace(/[^0-9a-z]/gi, '').toUpperCase();
  return clean.length === 8 ? `${clean.slice(0, 4)}-${clean.slice(4)}` : code;
}
