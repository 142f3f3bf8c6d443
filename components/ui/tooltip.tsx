'use client';
import { Tooltip as T } from 'radix-ui';
import type { ReactNode } from 'react';

/** A short label on hover/focus; the nav rail uses it for its icon-only links. */
export function Tooltip({ content, side = 'right', children }: { content: ReactNode; side?: 'top' | 'right' | 'bottom' | 'left'; children: ReactNode }) {
  return (
    <T.Root delayDuration={300}>
      <T.Trigger asChild>{children}</T.Trigger>
      <T.Portal>
        <T.Content
          side={side}
          sideOffset={6}
          className="z-50 rounded-md bg-foreground px-2 py-1 text-xs text-background shadow-md data-[state=closed]:hidden"
        >
          {content}
        </T.Content>
      </T.Portal>
    </T.Root>
  );
}

export const TooltipProvider = T.Provider;
