'use client';
import { useQueryClient } from '@tanstack/react-query';
import { Check, Pencil, Trash2, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { PriorityBadge } from '@/components/queue/priority-badge';
import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import type { PriorityRuleView } from '@/lib/domain/priority-rules';
import { PRIORITIES, type TicketPriority } from '@/lib/domain/views';
import { api } from '@/lib/ui/api';
import { formErrors } from '@/lib/ui/form-errors';
import { queryKeys } from '@/lib/ui/query-keys';

/** One rule: shown, edited in place, or removed. */
export function PriorityRuleRow({ rule }: { rule: PriorityRuleView }) {
  const t = useTranslations('timeRules');
  const tp = useTranslations('priority');
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [phrase, setPhrase] = useState(rule.phrase);
  const [priority, setPriority] = useState<TicketPriority>(rule.priority);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setList = (fn: (list: PriorityRuleView[]) => PriorityRuleView[]) =>
    client.setQueryData<PriorityRuleView[]>(queryKeys.priorityRules, (list) => list && fn(list));

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(formErrors(err, t('ruleFailed')).message);
    } finally {
      setBusy(false);
    }
  }

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { rule: saved } = await api<{ rule: PriorityRuleView }>(`/api/priority-rules/${rule.id}`, { method: 'PATCH', body: { phrase, priority } });
      setList((list) => list.map((r) => (r.id === saved.id ? saved : r)).sort((a, b) => a.phrase.localeCompare(b.phrase)));
      setEditing(false);
    });
  };

  const remove = () =>
    void run(async () => {
      await api(`/api/priority-rules/${rule.id}`, { method: 'DELETE' });
      setList((list) => list.filter((r) => r.id !== rule.id));
      toast.success(t('ruleRemoved', { phrase: rule.phrase }));
    });

  const cancel = () => {
    setEditing(false);
    setPhrase(rule.phrase);
    setPriority(rule.priority);
    setError(null);
  };

  return (
    <li data-testid="priority-rule" data-rule-id={rule.id} data-phrase={rule.phrase} data-priority={rule.priority} className="border-b py-1.5 last:border-b-0">
      {editing ? (
        <form onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && cancel()} className="flex flex-wrap items-center gap-2">
          <Input data-testid="priority-rule-phrase" aria-label={t('rulePhrase')} value={phrase} onChange={(e) => setPhrase(e.target.value)} maxLength={80} className="h-8 min-w-48 flex-1" autoFocus />
          <NativeSelect data-testid="priority-rule-priority" aria-label={t('rulePriority')} value={priority} onChange={(e) => setPriority(e.target.value as TicketPriority)} className="h-8 w-32">
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {tp(p)}
              </option>
            ))}
          </NativeSelect>
          <Button type="submit" size="sm" data-testid="priority-rule-save" disabled={busy}>
            <Check aria-hidden />
            {t('ruleSave')}
          </Button>
          <Button size="icon-sm" variant="ghost" onClick={cancel} aria-label={t('cancel')} title={t('cancel')}>
            <X aria-hidden />
          </Button>
        </form>
      ) : (
        <div className="flex items-center gap-3">
          <span className="min-w-0 flex-1 truncate font-mono text-[13px]">{rule.phrase}</span>
          <PriorityBadge priority={rule.priority} />
          <Button size="icon-sm" variant="ghost" data-testid="priority-rule-edit" onClick={() => setEditing(true)} aria-label={t('ruleEdit', { phrase: rule.phrase })} title={t('ruleEdit', { phrase: rule.phrase })}>
            <Pencil aria-hidden />
          </Button>
          <Button
            size="icon-sm"
            variant="ghost"
            data-testid="priority-rule-delete"
            disabled={busy}
            onClick={remove}
            aria-label={t('ruleDelete', { phrase: rule.phrase })}
            title={t('ruleDelete', { phrase: rule.phrase })}
            className="text-destructive"
          >
            <Trash2 aria-hidden />
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" data-testid="priority-rule-row-error" className="mt-1 text-xs text-destructive">
          {error}
        </p>
      )}
    </li>
  );
}
