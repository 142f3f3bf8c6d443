import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';
import type { TicketPriority } from '@/lib/domain/views';

export function PriorityBadge({ priority, ...props }: { priority: TicketPriority; 'data-testid'?: string }) {
  const t = useTranslations('priority');
  return (
    <Badge tone={priority} data-priority={priority} {...props}>
      {t(priority)}
    </Badge>
  );
}
