'use client';
import { format, isSameDay, isToday, isYesterday } from 'date-fns';
import { enUS, id as idLocale } from 'date-fns/locale';
import { ArrowDown } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { type BubbleMessage, MessageBubble } from './message-bubble';

const NEAR_BOTTOM_PX = 64;

function DaySeparator({ iso }: { iso: string }) {
  const t = useTranslations('chat');
  const locale = useLocale();
  const date = new Date(iso);
  const label = isToday(date)
    ? t('today')
    : isYesterday(date)
      ? t('yesterday')
      : format(date, 'EEEE, d MMM yyyy', { locale: locale === 'en' ? enUS : idLocale });
  return (
    <div className="sticky top-1 z-10 my-2 flex justify-center" suppressHydrationWarning>
      <span className="rounded-md bg-card/90 px-2 py-0.5 text-[11px] text-muted-foreground shadow-xs backdrop-blur">{label}</span>
    </div>
  );
}

/**
 * The conversation, oldest first. It follows new messages only while the reader is at the
 * bottom; someone scrolled up to read history is not yanked down, but told there is more.
 */
export function MessageList({
  messages,
  onRetry,
  retryingId,
}: {
  messages: BubbleMessage[];
  onRetry?: (id: number) => void;
  retryingId: number | null;
}) {
  const t = useTranslations('chat');
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [unseen, setUnseen] = useState(0);
  const count = messages.length;
  const last = messages.at(-1);
  const lastIsMine = last?.id === null;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (atBottom.current || lastIsMine) {
      el.scrollTop = el.scrollHeight;
      atBottom.current = true;
    }
  }, [count, lastIsMine]);

  useEffect(() => {
    // Photos and players take their height when they load: whoever was at the bottom stays there.
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    // Someone reading history is told about arrivals instead of being scrolled away from it.
    if (!atBottom.current) setUnseen((n) => n + 1);
  }, [count]);

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (atBottom.current) setUnseen(0);
  }

  function jump() {
    const el = scroller.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
  }

  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scroller} onScroll={onScroll} data-testid="message-list" className="h-full overflow-y-auto bg-chat-bg px-5 py-3">
        <div ref={content} className="mx-auto flex max-w-3xl flex-col gap-1.5">
          {messages.map((message, i) => {
            const previous = messages[i - 1];
            const newDay = !previous || !isSameDay(new Date(previous.createdAt), new Date(message.createdAt));
            return (
              <Fragment key={message.id ?? message.clientId ?? i}>
                {newDay && <DaySeparator iso={message.createdAt} />}
                <MessageBubble
                  message={message}
                  retrying={message.id !== null && message.id === retryingId}
                  onRetry={message.id !== null && message.status === 'failed' && onRetry ? () => onRetry(message.id as number) : undefined}
                />
              </Fragment>
            );
          })}
        </div>
      </div>
      {unseen > 0 && (
        <button
          type="button"
          onClick={jump}
          className="absolute bottom-3 left-1/2 flex -translate-x-1/2 items-center gap-1 rounded-full border bg-card px-3 py-1 text-xs shadow-md hover:bg-muted"
        >
          <ArrowDown className="size-3.5" aria-hidden />
          {t('newMessages', { count: unseen })}
        </button>
      )}
    </div>
  );
}
