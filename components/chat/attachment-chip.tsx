'use client';
import { FileText, Film, ImageIcon, Music, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { attachmentKindFor } from '@/lib/domain/attachments';
import { formatBytes } from '@/lib/ui/format';

const ICONS = { image: ImageIcon, video: Film, audio: Music, voice: Music, sticker: ImageIcon, document: FileText } as const;

/** The file about to be sent: a thumbnail for photos, its name and size, and a way to take it back. */
export function AttachmentChip({ file, onRemove }: { file: File; onRemove: () => void }) {
  const t = useTranslations('chat');
  const kind = attachmentKindFor(file.type || 'application/octet-stream');
  const [preview, setPreview] = useState<string | null>(null);

  useEffect(() => {
    if (kind !== 'image') return;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => {
      URL.revokeObjectURL(url);
      setPreview(null);
    };
  }, [file, kind]);

  const Icon = ICONS[kind];
  return (
    <div
      data-testid="reply-attachment"
      data-kind={kind}
      className="mb-2 flex w-fit max-w-full items-center gap-2.5 rounded-md border bg-muted/60 py-1.5 pl-1.5 pr-2 text-[13px]"
    >
      {preview ? (
        // eslint-disable-next-line @next/next/no-img-element -- a local object URL
        <img src={preview} alt="" className="size-9 rounded object-cover" />
      ) : (
        <span className="grid size-9 place-items-center rounded bg-card">
          <Icon className="size-4 text-primary" aria-hidden />
        </span>
      )}
      <span className="min-w-0">
        <span data-testid="reply-attachment-name" className="block max-w-64 truncate font-medium">
          {file.name || t('pastedImage')}
        </span>
        <span className="block text-[11px] text-muted-foreground">
          {formatBytes(file.size)} · {t('captionHint')}
        </span>
      </span>
      <button
        type="button"
        data-testid="reply-attachment-remove"
        onClick={onRemove}
        aria-label={t('removeAttachment')}
        title={t('removeAttachment')}
        className="ml-1 grid size-6 shrink-0 place-items-center rounded-full text-muted-foreground hover:bg-card hover:text-foreground"
      >
        <X className="size-3.5" />
      </button>
    </div>
  );
}
