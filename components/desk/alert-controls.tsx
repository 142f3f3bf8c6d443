'use client';
import { Bell, BellOff, BellRing, Volume2, VolumeX } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { beep, setMuted, useMuted } from '@/lib/ui/alert-sound';
import { requestNotificationPermission, useNotificationPermission } from '@/lib/ui/browser-notifications';
import { cn } from '@/lib/ui/cn';

const iconButton =
  'flex h-8 flex-1 items-center justify-center gap-1.5 rounded-md px-2 text-[12px] text-muted-foreground hover:bg-muted hover:text-foreground disabled:opacity-60';

/** How SLA alerts reach this person: system notifications (asked once, by a click) and the beep. */
export function AlertControls() {
  const t = useTranslations('sla');
  const permission = useNotificationPermission();
  const muted = useMuted();

  const notifyLabel =
    permission === 'granted' ? t('notificationsOn') : permission === 'denied' ? t('notificationsBlocked') : permission === 'unsupported' ? t('notificationsUnsupported') : t('notificationsEnable');
  const NotifyIcon = permission === 'granted' ? BellRing : permission === 'default' ? Bell : BellOff;

  return (
    <div className="flex items-center gap-1">
      <button
        type="button"
        data-testid="notifications-enable"
        data-permission={permission}
        disabled={permission !== 'default'}
        onClick={() => void requestNotificationPermission()}
        title={notifyLabel}
        className={cn(iconButton, permission === 'default' && 'text-foreground')}
      >
        <NotifyIcon className="size-4 shrink-0" aria-hidden />
        <span className="truncate">{permission === 'default' ? t('notificationsEnableShort') : notifyLabel}</span>
      </button>
      <button
        type="button"
        data-testid="alert-sound-toggle"
        data-muted={muted ? 'true' : 'false'}
        aria-pressed={!muted}
        onClick={() => {
          setMuted(!muted);
          // Unmuting is a click: the audio may start now, and a beep confirms what it will sound like.
          if (muted) beep(false);
        }}
        title={muted ? t('soundOff') : t('soundOn')}
        aria-label={muted ? t('soundOff') : t('soundOn')}
        className={cn(iconButton, 'flex-none')}
      >
        {muted ? <VolumeX className="size-4" aria-hidden /> : <Volume2 className="size-4" aria-hidden />}
      </button>
    </div>
  );
}
