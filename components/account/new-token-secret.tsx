'use client';
import { Check, Copy } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';

/** The secret is shown once, right after creation; only its hash is stored. */
export function NewTokenSecret({ secret, origin, onDone }: { secret: string; origin: string; onDone: () => void }) {
  const t = useTranslations('tokens');
  const [copied, setCopied] = useState(false);
  const curl = `curl -H "Authorization: Bearer ${secret}" ${origin}/api/tickets/queue`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard may be blocked (plain http): the secret stays selectable on screen.
    }
  }

  return (
    <Notice tone="success" className="flex-col gap-2">
      <p className="font-medium">{t('secretTitle')}</p>
      <div className="flex w-full items-center gap-2">
        <code data-testid="token-secret" className="min-w-0 flex-1 select-all truncate rounded border bg-card px-2 py-1.5 font-mono text-xs">
          {secret}
        </code>
        <Button size="sm" variant="outline" onClick={() => void copy()} data-testid="token-copy">
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied ? t('copied') : t('copy')}
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">{t('usage')}</p>
      <pre data-testid="token-usage" className="w-full overflow-x-auto rounded border bg-card px-2 py-1.5 font-mono text-[11px]">
        {curl}
      </pre>
      <Button size="xs" variant="ghost" onClick={onDone}>
        {t('done')}
      </Button>
    </Notice>
  );
}
