'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ListFilter, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import type { PriorityRuleView } from '@/lib/domain/priority-rules';
import { PRIORITIES, type TicketPriority } from '@/lib/domain/views';
import { api } from '@/lib/ui/api';
import { type FormErrors, fieldError, formErrors, noErrors } from '@/lib/ui/form-errors';
import { queryKeys } from '@/lib/ui/query-keys';
import { PriorityRuleRow } from './priority-rule-row';
import { FieldError, SettingsCard } from './settings-card';

const byPhrase = (a: PriorityRuleView, b: PriorityRuleView) => a.phrase.localeCompare(b.phrase);

function AddForm() {
  const t = useTranslations('timeRules');
  const tp = useTranslations('priority');
  const client = useQueryClient();
  const [phrase, setPhrase] = useState('');
  const [priority, setPriority] = useState<TicketPriority>('high');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  async function add(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(noErrors);
    try {
      const { rule } = await api<{ rule: PriorityRuleView }>('/api/priority-rules', { method: 'POST', body: { phrase, priority } });
      client.setQueryData<PriorityRuleView[]>(queryKeys.priorityRules, (list) => [...(list ?? []), rule].sort(byPhrase));
      setPhrase('');
    } catch (error) {
      setErrors(formErrors(error, t('ruleFailed')));
    } finally {
      setBusy(false);
    }
  }

  const phraseError = fieldError(errors, 'phrase');
  return (
    <form onSubmit={add} className="flex flex-col gap-1.5 border-t pt-3" noValidate>
      <div className="flex flex-wrap items-center gap-2">
        <Input
          data-testid="priority-rule-new-phrase"
          aria-label={t('rulePhrase')}
          placeholder={t('rulePhrasePlaceholder')}
          value={phrase}
          onChange={(e) => setPhrase(e.target.value)}
          maxLength={80}
          aria-invalid={phraseError ? true : undefined}
          className="h-8 min-w-48 flex-1"
        />
        <span className="text-xs text-muted-foreground">→</span>
        <NativeSelect data-testid="priority-rule-new-priority" aria-label={t('rulePriority')} value={priority} onChange={(e) => setPriority(e.target.value as TicketPriority)} className="h-8 w-32">
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {tp(p)}
            </option>
          ))}
        </NativeSelect>
        <Button type="submit" size="sm" data-testid="priority-rule-add" disabled={busy || !phrase.trim()}>
          <Plus aria-hidden />
          {t('ruleAdd')}
        </Button>
      </div>
      {phraseError ? <FieldError message={phraseError} /> : errors.message && <Notice tone="error" data-testid="priority-rule-error">{errors.message}</Notice>}
    </form>
  );
}

/** Keyword or phrase → priority: a customer message containing it raises the ticket's priority. */
export function PriorityRulesCard() {
  const t = useTranslations('timeRules');
  const { data, isError } = useQuery({
    queryKey: queryKeys.priorityRules,
    queryFn: ({ signal }) => api<{ rules: PriorityRuleView[] }>('/api/priority-rules', { signal }).then((r) => r.rules),
  });
  return (
    <SettingsCard icon={ListFilter} iconClass="text-red-600" title={t('rulesTitle')} hint={t('rulesHint')} testId="priority-rules" state={isError ? 'error' : data ? 'ready' : 'loading'}>
      <div className="flex flex-col gap-3">
        {data?.length ? (
          <ul data-testid="priority-rule-list" className="flex flex-col">
            {data.map((rule) => (
              <PriorityRuleRow key={rule.id} rule={rule} />
            ))}
          </ul>
        ) : (
          <p data-testid="priority-rules-empty" className="text-xs text-muted-foreground">
            {t('rulesEmpty')}
          </p>
        )}
        <AddForm />
      </div>
    </SettingsCard>
  );
}
