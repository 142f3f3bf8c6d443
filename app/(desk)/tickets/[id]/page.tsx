import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ChatView } from '@/components/chat/chat-view';
import { requireActor } from '@/lib/ui/server-session';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: `#${(await params).id}` };
}

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  await requireActor();
  const { id } = await params;
  const ticketId = Number(id);
  if (!Number.isSafeInteger(ticketId) || ticketId <= 0 || String(ticketId) !== id) notFound();
  return <ChatView ticketId={ticketId} />;
}
