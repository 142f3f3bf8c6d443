'use client';
import { Lock, Paperclip, SendHorizontal } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type ClipboardEvent, type DragEvent, type KeyboardEvent, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { AttachmentChip } from './attachment-chip';

const MAX = 4096;

/**
 * Enter sends, Shift+Enter starts a new line. A file (chosen, pasted or dropped) goes out with
 * the text as its caption. When replying is not allowed, it says why.
 */
export function ReplyBox({
  text,
  setText,
  file,
  setFile,
  disabledReason,
  error,
  onSend,
  onTyping,
}: {
  text: string;
  setText: (text: string) => void;
  file: File | null;
  setFile: (file: File | null) => void;
  disabledReason: string | null;
  error: string | null;
  onSend: (text: string, file: File | null) => void;
  onTyping?: () => void;
}) {
  const t = useTranslations('chat');
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const disabled = disabledReason !== null;

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  function send() {
    const value = text.trim();
    if ((!value && !file) || disabled || value.length > MAX) return;
    onSend(value, file);
    setText('');
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const pasted = Array.from(event.clipboardData.files).find((f) => f.type.startsWith('image/')) ?? event.clipboardData.files[0];
    if (!pasted || disabled) return;
    event.preventDefault();
    setFile(pasted);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    const dropped = event.dataTransfer.files[0];
    if (!dropped || disabled) return;
    event.preventDefault();
    setFile(dropped);
  }

  return (
    <div className="border-t bg-card px-4 py-3" onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()} onDrop={onDrop}>
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
        {file && !disabled && <AttachmentChip file={file} onRemove={() => setFile(null)} />}
        <div className="flex items-end gap-2">
          <input
            ref={picker}
            type="file"
            data-testid="reply-file"
            className="hidden"
            tabIndex={-1}
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              if (chosen) setFile(chosen);
              event.target.value = '';
              input.current?.focus();
            }}
          />
          <Button
            variant="ghost"
            size="icon"
            data-testid="reply-attach"
            onClick={() => picker.current?.click()}
            disabled={disabled}
            aria-label={t('attach')}
            title={t('attach')}
            className="size-9 text-muted-foreground"
          >
            <Paperclip aria-hidden />
          </Button>
          <textarea
            ref={input}
            data-testid="reply-input"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              if (event.target.value) onTyping?.();
            }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            disabled={disabled}
            rows={1}
            maxLength={MAX}
            placeholder={disabled ? '' : file ? t('captionPlaceholder') : t('replyPlaceholder')}
            aria-label={t('replyLabel')}
            className="max-h-40 min-h-9 flex-1 resize-none rounded-md border border-input bg-background px-3 py-2 leading-snug shadow-xs focus-visible:border-ring focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring/30 disabled:cursor-not-allowed disabled:opacity-60"
          />
          <Button data-testid="reply-send" onClick={send} disabled={disabled || (!text.trim() && !file)} aria-label={t('send')} className="h-9">
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
