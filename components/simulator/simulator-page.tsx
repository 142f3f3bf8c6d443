'use client';
import { Play, Smartphone } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Input, Label } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { PhoneScreen } from './phone-screen';
import { useSimulator } from './use-simulator';

/** A stand-in WhatsApp phone: whoever plays the customer here is, for Loket, a real customer. */
export function SimulatorPage() {
  const t = useTranslations('simulator');
  const [phone, setPhone] = useState('6281234567890');
  const [name, setName] = useState('Budi');
  const sim = useSimulator();

  function start(event: FormEvent) {
    event.preventDefault();
    void sim.start(phone);
  }

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-5 px-6 py-5 lg:flex-row lg:items-start">
      <div className="flex flex-col gap-4 lg:w-80">
        <header>
          <h1 className="flex items-center gap-2 text-lg font-semibold">
            <Smartphone className="size-5 text-primary" aria-hidden />
            {t('title')}
          </h1>
          <p data-testid="sim-explainer" className="mt-1 text-xs leading-relaxed text-muted-foreground">
            {t('explainer')}
          </p>
        </header>
        <Card>
          <CardContent>
            <form onSubmit={start} className="flex flex-col gap-3">
              <div className="flex flex-col gap-1.5">
                <Label htmlFor="sim-phone">{t('phone')}</Label>
                <Input id="sim-phone" data-testid="sim-phone" value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" />
              </div>
              <div className="flex flex-col gap-1.5">
                <Label htmlFor="sim-name">{t('name')}</Label>
                <Input id="sim-name" data-testid="sim-name" value={name} onChange={(e) => setName(e.target.value)} />
              </div>
              <Button type="submit" data-testid="sim-start" variant="outline">
                <Play aria-hidden />
                {t('start')}
              </Button>
            </form>
          </CardContent>
        </Card>
        {sim.error && (
          <Notice tone="error" data-testid="sim-error">
            {sim.error}
          </Notice>
        )}
      </div>
      <PhoneScreen
        contact={sim.active ?? phone}
        name={name}
        messages={sim.messages}
        started={sim.active !== null}
        sending={sim.sending}
        typing={sim.typing}
        onSend={(text) => sim.send(phone, name, text)}
      />
    </div>
  );
}
