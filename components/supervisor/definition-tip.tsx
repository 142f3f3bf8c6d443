'use client';
import { Info } from 'lucide-react';
import type { ReactNode } from 'react';
import { Tooltip } from '@/components/ui/tooltip';

/** A small ⓘ that explains how a number is counted; reachable by keyboard, read out on focus. */
export function DefinitionTip({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Tooltip side="top" content={<span className="block max-w-64 leading-snug">{children}</span>}>
      <button
        type="button"
        aria-label={label}
        className="inline-grid size-4 shrink-0 place-items-center rounded-full text-muted-foreground/70 hover:text-foreground focus-visible:text-foreground"
      >
        <Info className="size-3.5" aria-hidden />
      </button>
    </Tooltip>
  );
}
