'use client';
import { useTranslations } from 'next-intl';
import { BotSettingsCard } from './bot-settings-form';
import { BusinessHoursCard } from './business-hours-card';
import { PriorityRulesCard } from './priority-rules-card';
import { RoutingSettingsCard } from './routing-settings-card';
import { SlaSettingsCard } from './sla-settings-card';
import { TeamSettingsCard } from './team-settings-card';
import { WhatsappSettingsCard } from './whatsapp-settings-form';

/**
 * The admin settings page: one card per group, each its own component that loads and saves
 * itself. A new group is one more import and one more line here.
 */
export function SettingsPage() {
  const t = useTranslations('settings');
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4 px-6 py-5">
      <header>
        <h1 className="text-lg font-semibold">{t('title')}</h1>
        <p className="text-xs text-muted-foreground">{t('subtitle')}</p>
      </header>
      <BotSettingsCard />
      <WhatsappSettingsCard />
      <SlaSettingsCard />
      <PriorityRulesCard />
      <RoutingSettingsCard />
      <BusinessHoursCard />
      <TeamSettingsCard />
    </div>
  );
}
