import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/ui/cn';

export const badgeVariants = cva(
  'inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-px text-[11px] font-medium leading-4',
  {
    variants: {
      tone: {
        neutral: 'border-border bg-muted text-muted-foreground',
        primary: 'border-transparent bg-primary text-primary-foreground',
        urgent: 'border-red-500/30 bg-red-500/10 text-red-700 dark:text-red-300',
        high: 'border-orange-500/30 bg-orange-500/10 text-orange-700 dark:text-orange-300',
        medium: 'border-sky-500/30 bg-sky-500/10 text-sky-700 dark:text-sky-300',
        low: 'border-border bg-muted text-muted-foreground',
        success: 'border-emerald-500/30 bg-emerald-500/10 text-emerald-700 dark:text-emerald-300',
        danger: 'border-red-500/30 bg-red-500/10 text-red-700 dark:text-red-300',
      },
    },
    defaultVariants: { tone: 'neutral' },
  },
);

export function Badge({ className, tone, ...props }: ComponentProps<'span'> & VariantProps<typeof badgeVariants>) {
  return <span data-slot="badge" className={cn(badgeVariants({ tone }), className)} {...props} />;
}
