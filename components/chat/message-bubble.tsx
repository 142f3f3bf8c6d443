'use client';
import { format } from 'date-fns';
import { Bot } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { MessageAttachmentView, MessageKind, MessageSender, MessageStatus as Status } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { DeletedMark, EditedMark, FromPhoneMark, Reactions } from './message-marks';
import { MessageMedia } from './message-media';
import { MessageStatus } from './message-status';

export interface BubbleMessage {
  /** Null while the reply is only on its way (optimistic). */
  id: number | null;
  clientId: string | null;
  direction: 'in' | 'out';
  sender: MessageSender;
  authorName: string | null;
  text: string;
  kind: MessageKind;
  media: MessageAttachmentView | null;
  status: Status;
  error: string | null;
  createdAt: string;
  fromPhone: boolean;
  stub: boolean;
  editedAt: string | null;
  originalText: string | null;
  deletedAt: string | null;
  reactions: Record<string, string>;
}

export function MessageBubble({ message, onRetry, retrying }: { message: BubbleMessage; onRetry?: () => void; retrying?: boolean }) {
  const t = useTranslations('chat');
  const attrs = {
    'data-testid': 'message',
    'data-message-id': message.id ?? '',
    'data-client-id': message.clientId ?? undefined,
    'data-sender': message.sender,
    'data-status': message.status,
    'data-kind': message.kind,
    'data-optimistic': message.id === null ? 'true' : undefined,
  };
  const time = format(new Date(message.createdAt), 'HH:mm');

  if (message.sender === 'system') {
    return (
      <div {...attrs} className="my-1 flex justify-center">
        <span data-testid="message-text" className="rounded-full bg-muted px-3 py-0.5 text-[11px] text-muted-foreground">
          {message.text}
        </span>
      </div>
    );
  }

  const ours = message.direction === 'out';
  const bot = message.sender === 'bot';
  const deleted = message.deletedAt !== null;
  const showText = !message.stub && (message.text.length > 0 || !message.media);
  return (
    <div {...attrs} className={cn('flex flex-col', ours ? 'items-end pl-12' : 'items-start pr-12')}>
      <div
        className={cn(
          'max-w-[70ch] rounded-lg px-3 py-1.5 shadow-xs',
          ours ? 'rounded-tr-sm' : 'rounded-tl-sm',
          bot ? 'border border-dashed border-violet-400/50 bg-bubble-bot' : ours ? 'bg-bubble-out' : 'bg-bubble-in',
          message.id === null && 'opacity-75',
        )}
      >
        {(bot || (ours && message.authorName)) && (
          <div className={cn('mb-0.5 flex items-center gap-1 text-[11px] font-medium', bot ? 'text-violet-700 dark:text-violet-300' : 'text-accent-foreground')}>
            {bot && <Bot className="size-3" aria-hidden />}
            {bot ? t('bot') : message.authorName}
          </div>
        )}
        {deleted && <DeletedMark />}
        {message.stub && (
          <p data-testid="message-stub" className="italic text-muted-foreground">
            {t('stub')}
          </p>
        )}
        {!message.stub && message.media && (
          <MessageMedia kind={message.kind} media={message.media} uploading={message.id === null} className={cn(deleted && 'opacity-60')} />
        )}
        {showText && (
          <p
            data-testid="message-text"
            className={cn('whitespace-pre-wrap break-words leading-snug', deleted && 'text-muted-foreground line-through')}
          >
            {message.text}
          </p>
        )}
        <div className="mt-0.5 flex items-center justify-end gap-1.5 text-[10px] text-muted-foreground">
          {message.editedAt && <EditedMark originalText={message.originalText} />}
          {message.fromPhone && <FromPhoneMark />}
          <time dateTime={message.createdAt} suppressHydrationWarning>
            {time}
          </time>
          {ours && <MessageStatus status={message.status} error={message.error} onRetry={onRetry} retrying={retrying} />}
        </div>
      </div>
      <Reactions reactions={message.reactions} ours={ours} />
    </div>
  );
}
