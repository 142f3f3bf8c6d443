'use client';
import { Lock, SendHorizontal } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';

const MAX = 4096;

/** Enter sends, Shift+Enter starts a new line. When replying is not allowed, it says why. */
export function ReplyBox({
  text,
  setText,
  disabledReason,
  error,
  onSend,
}: {
  text: string;
  setText: (text: string) => void;
  disabledReason: string | null;
  error: string | null;
  onSend: (text: string) => void;
}) {
  const t = useTranslations('chat');
  const input = useRef<HTMLTextAreaElement>(null);
  const disabled = disabledReason !== null;

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  function send() {
    const value = text.trim();
    if (!value || disabled || value.length > MAX) return;
    onSend(value);
    setText('');
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  return (
    <div className="border-t bg-card px-4 py-3">
      <div className="mx-auto max-w-3xl">
        {error && (
          <Notice tone="error" data-testid="reply-error" className="mb-2">
            {error}
          </Notice>
        )}
        {disabled && (
          <p data-testid="reply-disabled-reason" className="mb-2 flex items-center gap-1.5 text-xs text-muted-foreground">
            <Lock className="size-3.5" aria-hidden />
            {disabledReason}
          </p>
        )}
        <div className="flex items-end gap-2">
          <textarea
            ref={input}
            data-testid="reply-input"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            disabled={disabled}
            rows={1}
            maxLength={MAX}
            placeholder={disabled ? '' : t('replyPlaceholder')}
            aria-label={t('replyLabel')}
            className="max-h-40 min-h-9 flex-1 resize-none rounded-md border border-input bg-background px-3 py-2 leading-snug shadow-xs focus-visible:border-ring focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring/30 disabled:cursor-not-allowed disabled:opacity-60"
          />
          <Button data-testid="reply-send" onClick={send} disabled={disabled || !text.trim()} aria-label={t('send')} className="h-9">
            <SendHorizontal aria-hidden />
            <span className="hidden sm:inline">{t('send')}</span>
          </Button>
        </div>
        {!disabled && (
          <p className="mt-1 text-[11px] text-muted-foreground">
            {t('replyHint')}
            {text.length > MAX - 200 && <span className="ml-2 tabular-nums">{text.length}/{MAX}</span>}
          </p>
        )}
      </div>
    </div>
  );
}
