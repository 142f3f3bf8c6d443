'use client';
import { Radio } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { TicketView } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { formatPhone } from '@/lib/ui/format';
import { useChannels } from '@/lib/ui/queries';

/**
 * Which of our numbers the customer wrote to ("to: Sales"). With several WhatsApp numbers it
 * is a coloured chip, so an agent answering from the Sales line is never surprised.
 */
export function ChannelTag({ ticket, className, ...rest }: { ticket: TicketView; className?: string; 'data-testid'?: string }) {
  const t = useTranslations('queue');
  const { data: channels } = useChannels();
  const several = (channels?.filter((c) => c.kind === 'baileys').length ?? 0) > 1;
  const phone = channels?.find((c) => c.id === ticket.channel_id)?.phone ?? null;
  return (
    <span
      data-channel-id={ticket.channel_id}
      data-several={several ? 'true' : undefined}
      title={phone ? `${ticket.channel_name} · ${formatPhone(phone)}` : ticket.channel_name}
      className={cn(
        'inline-flex min-w-0 shrink-0 items-center gap-1 truncate',
        several && 'rounded-full border border-primary/25 bg-accent px-1.5 font-medium text-accent-foreground',
        className,
      )}
      {...rest}
    >
      <Radio className="size-3 shrink-0" aria-hidden />
      {t('toChannel', { name: ticket.channel_name })}
    </span>
  );
}
