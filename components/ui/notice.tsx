import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/ui/cn';

const noticeVariants = cva('flex items-start gap-2 rounded-md border px-3 py-2 text-sm [&_svg]:mt-0.5 [&_svg]:size-4 [&_svg]:shrink-0', {
  variants: {
    tone: {
      info: 'border-border bg-muted text-foreground',
      warning: 'border-amber-500/30 bg-warning-soft text-foreground',
      error: 'border-destructive/30 bg-destructive-soft text-foreground',
      success: 'border-emerald-500/30 bg-emerald-500/10 text-foreground',
    },
  },
  defaultVariants: { tone: 'info' },
});

/** A calm inline message: what happened and, where useful, what to do next. */
export function Notice({ className, tone, ...props }: ComponentProps<'div'> & VariantProps<typeof noticeVariants>) {
  return <div data-slot="notice" role={tone === 'error' ? 'alert' : 'status'} className={cn(noticeVariants({ tone }), className)} {...props} />;
}
