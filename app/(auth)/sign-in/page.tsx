import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { LangToggle } from '@/components/desk/lang-toggle';
import { safeNextPath } from '@/lib/ui/safe-next';
import { getActor } from '@/lib/ui/server-session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signIn');
  return { title: t('title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  if (await getActor()) redirect(next);
  const t = await getTranslations('signIn');
  return (
    <main className="grid min-h-dvh place-items-center bg-muted/60 px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2.5">
          <span className="grid size-9 place-items-center rounded-lg bg-primary text-base font-bold text-primary-foreground">L</span>
          <div>
            <h1 className="text-lg font-semibold leading-tight">Loket</h1>
            <p className="text-xs text-muted-foreground">{t('tagline')}</p>
          </div>
        </div>
        <SignInForm next={next} />
        <div className="mt-4 flex justify-center">
          <LangToggle className="w-auto" />
        </div>
      </div>
    </main>
  );
}
