'use client';
import { format } from 'date-fns';
import { Bot, CheckCheck, SendHorizontal } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type KeyboardEvent, useLayoutEffect, useRef, useState } from 'react';
import { MessageMedia } from '@/components/chat/message-media';
import type { CustomerSideMessage } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';

interface Props {
  contact: string;
  name: string;
  messages: CustomerSideMessage[];
  started: boolean;
  sending: boolean;
  /** The business (an agent) is typing a reply. */
  typing: boolean;
  onSend: (text: string) => Promise<boolean>;
}

/** The customer's WhatsApp: their own messages on the right, the business's on the left. */
export function PhoneScreen({ contact, name, messages, started, sending, typing, onSend }: Props) {
  const t = useTranslations('simulator');
  const [text, setText] = useState('');
  const scroller = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  async function send() {
    const value = text.trim();
    if (!value || sending) return;
    setText('');
    if (!(await onSend(value))) setText((current) => current || value);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <div className="mx-auto flex h-[640px] w-full max-w-[380px] shrink-0 flex-col overflow-hidden rounded-[28px] border-[6px] border-zinc-800 bg-chat-bg shadow-xl dark:border-zinc-700">
      <div className="flex items-center gap-2.5 bg-emerald-700 px-4 py-2.5 text-white">
        <span className="grid size-8 place-items-center rounded-full bg-white/20 text-xs font-bold">L</span>
        <div className="min-w-0 leading-tight">
          <div className="text-sm font-semibold">{t('business')}</div>
          {typing ? (
            <div data-testid="sim-typing" className="text-[11px] italic text-emerald-100">
              {t('typing')}
            </div>
          ) : (
            <div className="truncate text-[11px] text-white/75">{t('playingAs', { name: name || contact, phone: contact })}</div>
          )}
        </div>
      </div>
      <div ref={scroller} data-testid="sim-messages" className="flex flex-1 flex-col gap-1.5 overflow-y-auto px-3 py-3">
        {!started && messages.length === 0 && (
          <p className="m-auto max-w-[16rem] text-center text-xs text-muted-foreground">{t('notStarted')}</p>
        )}
        {messages.map((m) => {
          const own = m.direction === 'in';
          return (
            <div
              key={m.id}
              data-testid="sim-message"
              data-message-id={m.id}
              data-direction={m.direction}
              data-sender={m.sender}
              className={cn('flex', own ? 'justify-end pl-10' : 'justify-start pr-10')}
            >
              <div
                className={cn(
                  'min-w-0 max-w-full rounded-lg px-2.5 py-1.5 text-[13px] shadow-xs',
                  own ? 'rounded-tr-sm bg-bubble-out' : 'rounded-tl-sm bg-bubble-in',
                )}
              >
                {m.sender === 'bot' && (
                  <div className="mb-0.5 flex items-center gap-1 text-[10px] font-medium text-violet-700 dark:text-violet-300">
                    <Bot className="size-3" aria-hidden /> {t('bot')}
                  </div>
                )}
                {m.media && <MessageMedia kind={m.kind} media={m.media} />}
                {(m.text || !m.media) && (
                  <p data-testid="sim-message-text" className="whitespace-pre-wrap break-words">
                    {m.text}
                  </p>
                )}
                <div className="mt-0.5 flex items-center justify-end gap-1 text-[10px] text-muted-foreground">
                  {format(new Date(m.created_at), 'HH:mm')}
                  {own && <CheckCheck className="size-3" aria-hidden />}
                </div>
              </div>
            </div>
          );
        })}
      </div>
      <div className="flex items-center gap-2 border-t bg-card px-2.5 py-2">
        <input
          data-testid="sim-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t('inputPlaceholder')}
          aria-label={t('inputPlaceholder')}
          className="h-9 min-w-0 flex-1 rounded-full border border-input bg-background px-3.5 text-sm focus-visible:border-ring focus-visible:outline-none"
        />
        <button
          type="button"
          data-testid="sim-send"
          onClick={() => void send()}
          disabled={sending || !text.trim()}
          aria-label={t('send')}
          className="grid size-9 place-items-center rounded-full bg-emerald-600 text-white hover:bg-emerald-700 disabled:opacity-50"
        >
          <SendHorizontal className="size-4" />
        </button>
      </div>
    </div>
  );
}
