'use client';
import { AlertCircle, Download, ExternalLink, FileText, Loader2, MapPin, Mic, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { MessageAttachmentView, MessageKind } from '@/lib/domain/views';
import { cn } from '@/lib/ui/cn';
import { formatBytes, formatDuration } from '@/lib/ui/format';

type Media = Extract<MessageAttachmentView, { type: 'media' }>;
type Location = Extract<MessageAttachmentView, { type: 'location' }>;
type Contacts = Extract<MessageAttachmentView, { type: 'contacts' }>;

/** Bigger than a chat bubble is never useful; the full size opens in a new tab. */
const PREVIEW = 'max-h-72 w-auto max-w-full rounded-md bg-muted object-contain';

function PendingMedia({ media, uploading }: { media: Media; uploading?: boolean }) {
  const t = useTranslations('media');
  return (
    <div data-testid="message-media-pending" className="flex items-center gap-2 rounded-md bg-muted/70 px-2.5 py-2 text-xs text-muted-foreground">
      <Loader2 className="size-3.5 animate-spin" aria-hidden />
      <span>{uploading ? t('uploading') : t('downloading')}</span>
      {media.file_name && <span className="truncate">· {media.file_name}</span>}
    </div>
  );
}

function FailedMedia({ media }: { media: Media }) {
  const t = useTranslations('media');
  return (
    <div data-testid="message-media-failed" className="flex items-start gap-2 rounded-md bg-destructive-soft px-2.5 py-2 text-xs">
      <AlertCircle className="mt-px size-3.5 shrink-0 text-destructive" aria-hidden />
      <span>
        {t('failed', { kind: t(`kinds.${media.kind}`) })}
        {media.error && <span className="block text-muted-foreground">{media.error}</span>}
      </span>
    </div>
  );
}

function DocumentCard({ media, url }: { media: Media; url: string }) {
  const t = useTranslations('media');
  const ext = media.file_name?.split('.').pop()?.toUpperCase();
  return (
    <a
      href={url}
      download={media.file_name ?? undefined}
      data-testid="message-document"
      className="flex min-w-56 items-center gap-3 rounded-md border bg-card/70 px-3 py-2 hover:bg-card"
    >
      <FileText className="size-8 shrink-0 text-primary" aria-hidden />
      <span className="min-w-0 flex-1">
        <span className="block truncate text-[13px] font-medium">{media.file_name ?? t('untitledDocument')}</span>
        <span className="block text-[11px] text-muted-foreground">
          {[ext && ext.length <= 5 ? ext : null, formatBytes(media.size)].filter(Boolean).join(' · ')}
        </span>
      </span>
      <Download className="size-4 shrink-0 text-muted-foreground" aria-label={t('download')} />
    </a>
  );
}

function ReadyMedia({ media, url }: { media: Media; url: string }) {
  const t = useTranslations('media');
  const size = { width: media.width ?? undefined, height: media.height ?? undefined };
  switch (media.kind) {
    case 'image':
      return (
        <a href={url} target="_blank" rel="noopener noreferrer" title={t('openFull')}>
          {/* eslint-disable-next-line @next/next/no-img-element -- a private, authenticated file: no image optimizer */}
          <img data-testid="message-image" src={url} alt={media.file_name ?? t('kinds.image')} {...size} className={PREVIEW} />
        </a>
      );
    case 'sticker':
      // eslint-disable-next-line @next/next/no-img-element -- as above
      return <img data-testid="message-image" src={url} alt={t('kinds.sticker')} className="size-32 object-contain" />;
    case 'video':
      return <video src={url} controls preload="metadata" {...size} className={PREVIEW} />;
    case 'audio':
    case 'voice':
      return (
        <div className="flex flex-col gap-1">
          {media.kind === 'voice' && (
            <span className="flex items-center gap-1 text-[11px] text-muted-foreground">
              <Mic className="size-3" aria-hidden />
              {t('voiceNote')}
              {media.seconds ? ` · ${formatDuration(media.seconds)}` : ''}
            </span>
          )}
          <audio src={url} controls preload="metadata" className="h-10 w-64 max-w-full" />
        </div>
      );
    default:
      return <DocumentCard media={media} url={url} />;
  }
}

function LocationCard({ location }: { location: Location }) {
  const t = useTranslations('media');
  const coords = `${location.latitude},${location.longitude}`;
  return (
    <div className="flex items-start gap-2.5 rounded-md border bg-card/70 px-3 py-2">
      <MapPin className="mt-0.5 size-5 shrink-0 text-red-500" aria-hidden />
      <div className="min-w-0 text-[13px]">
        <div className="font-medium">{location.name ?? t('locationFallback')}</div>
        {location.address && <div className="text-xs text-muted-foreground">{location.address}</div>}
        <a
          href={`https://maps.google.com/?q=${coords}`}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="message-location-link"
          className="mt-1 inline-flex items-center gap-1 text-xs font-medium text-primary hover:underline"
        >
          <ExternalLink className="size-3" aria-hidden />
          {t('openMaps')}
        </a>
      </div>
    </div>
  );
}

function ContactCards({ contacts }: { contacts: Contacts }) {
  return (
    <ul className="flex flex-col gap-1.5">
      {contacts.contacts.map((card, i) => (
        <li key={`${card.name}-${i}`} data-testid="message-contact" className="flex items-start gap-2.5 rounded-md border bg-card/70 px-3 py-2">
          <span className="grid size-8 shrink-0 place-items-center rounded-full bg-muted">
            <UserRound className="size-4 text-muted-foreground" aria-hidden />
          </span>
          <span className="min-w-0 text-[13px]">
            <span className="block font-medium">{card.name}</span>
            {card.phones.map((phone) => (
              <a key={phone} href={`tel:${phone}`} className="block text-xs text-primary tabular-nums hover:underline">
                {phone}
              </a>
            ))}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** What a message carries besides text: photo, sticker, video, voice note, document, location, contact cards. */
export function MessageMedia({
  kind,
  media,
  uploading,
  className,
}: {
  kind: MessageKind;
  media: MessageAttachmentView;
  /** Our own file on its way up (the optimistic bubble). */
  uploading?: boolean;
  className?: string;
}) {
  let body;
  if (media.type === 'location') body = <LocationCard location={media} />;
  else if (media.type === 'contacts') body = <ContactCards contacts={media} />;
  else if (media.status === 'failed') body = <FailedMedia media={media} />;
  else if (media.status === 'pending' || !media.url) body = <PendingMedia media={media} uploading={uploading} />;
  else body = <ReadyMedia media={media} url={media.url} />;
  return (
    <div data-testid="message-media" data-kind={kind} data-media-status={media.type === 'media' ? media.status : undefined} className={cn('mb-1', className)}>
      {body}
    </div>
  );
}
