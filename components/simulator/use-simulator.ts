'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CustomerSideMessage } from '@/lib/domain/views';
import { getSocket } from '@/lib/realtime/socket-client';
import { useSocketEvents } from '@/lib/realtime/use-socket-events';
import { newClientId } from '@/lib/ui/client-id';

const ACK_TIMEOUT_MS = 10_000;
/** How long the phone shows "typing…" after one signal (WhatsApp's own is about this). */
const TYPING_SHOWN_MS = 5_000;

function upsert(list: CustomerSideMessage[], message: CustomerSideMessage): CustomerSideMessage[] {
  const index = list.findIndex((m) => m.id === message.id);
  if (index === -1) return [...list, message].sort((a, b) => a.id - b.id);
  const next = list.slice();
  next[index] = message;
  return next;
}

/** The form the server keys a simulated customer by (see parseCustomerAddress). */
export function normalizePhone(raw: string): string {
  const value = raw.trim();
  const at = value.indexOf('@');
  return at === -1 ? value.replace(/[\s\-().+]/g, '') : (value.slice(0, at).split(':')[0] ?? '');
}

/** The customer's side of one phone number: its history, live replies, and sending as that customer. */
export function useSimulator() {
  const t = useTranslations('simulator');
  const [active, setActive] = useState<string | null>(null);
  const [messages, setMessages] = useState<CustomerSideMessage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const activeRef = useRef<string | null>(null);
  const [typing, setTyping] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const showTyping = useCallback((on: boolean) => {
    if (typingTimer.current) clearTimeout(typingTimer.current);
    typingTimer.current = on ? setTimeout(() => setTyping(false), TYPING_SHOWN_MS) : null;
    setTyping(on);
  }, []);

  useEffect(
    () => () => {
      if (typingTimer.current) clearTimeout(typingTimer.current);
    },
    [],
  );

  const watch = useCallback(
    (phone: string) =>
      new Promise<boolean>((resolve) => {
        // Emitted even while (re)connecting: Socket.IO sends it on connect; the timeout ends the wait.
        getSocket()
          .timeout(ACK_TIMEOUT_MS)
          .emit('simulator:watch', phone, (err, result) => {
            if (err || !result.ok) {
              setError(err ? t('offline') : result.ok ? null : result.error.message);
              resolve(false);
              return;
            }
            setError(null);
            if (activeRef.current !== normalizePhone(phone)) showTyping(false);
            activeRef.current = normalizePhone(phone);
            setActive(activeRef.current);
            setMessages(result.messages);
            resolve(true);
          });
      }),
    [t, showTyping],
  );

  // A fresh socket has left the phone's room: join it again (and catch up on what was missed).
  useEffect(() => {
    const socket = getSocket();
    const rewatch = () => {
      if (activeRef.current) void watch(activeRef.current);
    };
    socket.on('connect', rewatch);
    return () => {
      socket.off('connect', rewatch);
    };
  }, [watch]);

  useSocketEvents({
    'simulator:message': ({ phone, message }) => {
      if (phone !== activeRef.current) return;
      setMessages((list) => upsert(list, message));
      // The reply has arrived: the business is no longer typing.
      if (message.direction === 'out') showTyping(false);
    },
    'simulator:typing': ({ phone, typing: on }) => {
      if (phone === activeRef.current) showTyping(on);
    },
  });

  async function send(phone: string, name: string, text: string): Promise<boolean> {
    if (activeRef.current !== normalizePhone(phone) && !(await watch(phone))) return false;
    setSending(true);
    return new Promise<boolean>((resolve) => {
      getSocket()
        .timeout(ACK_TIMEOUT_MS)
        .emit('simulator:send', { phone, name, text, client_id: newClientId() }, (err, result) => {
          setSending(false);
          if (err || !result.ok) {
            setError(err ? t('offline') : result.ok ? null : result.error.message);
            resolve(false);
            return;
          }
          setError(null);
          const created_at = new Date().toISOString();
          const own: CustomerSideMessage = {
            id: result.message_id,
            direction: 'in',
            sender: 'customer',
            text,
            kind: 'text',
            media: null,
            status: 'sent',
            created_at,
          };
          setMessages((list) => (list.some((m) => m.id === own.id) ? list : upsert(list, own)));
          resolve(true);
        });
    });
  }

  return { active, messages, error, sending, typing, start: watch, send };
}
