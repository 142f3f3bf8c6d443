import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ChannelView } from '@/lib/domain/views';
import { upsertChannel } from '@/lib/realtime/use-desk-sync';
import { queryKeys } from '@/lib/ui/query-keys';

const channel = (status: ChannelView['status'], at: string): ChannelView => ({
  id: 1,
  kind: 'baileys',
  name: 'Toko',
  status,
  status_reason: null,
  status_at: at,
  phone: '628111',
  created_at: '2026-11-01T00:00:00.000Z',
});

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** The channels list as the desk holds it, its answers handed out by the test. */
function channelsList() {
  const answers: Array<(list: ChannelView[]) => void> = [];
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } });
  const observer = new QueryObserver<ChannelView[]>(client, {
    queryKey: queryKeys.channels,
    queryFn: () => new Promise<ChannelView[]>((resolve) => answers.push(resolve)),
  });
  const stop = observer.subscribe(() => {});
  return { client, observer, answers, stop };
}

describe('a channel push and the channels list', () => {
  it('a number going down while the list first loads is shown down, not as the list read it', async () => {
    const { client, observer, answers, stop } = channelsList();
    upsertChannel(client, channel('disconnected', '2026-11-25T03:00:01.000Z'));
    await settle();
    expect(answers).toHaveLength(2); // the first fetch was started over
    answers[0]?.([channel('connected', '2026-11-25T03:00:00.000Z')]);
    answers[1]?.([channel('disconnected', '2026-11-25T03:00:01.000Z')]);
    await settle();
    expect(observer.getCurrentResult().data?.[0]?.status).toBe('disconnected');
    stop();
  });

  it('a push during a refetch of a loaded list is not overwritten by that refetch', async () => {
    const { client, observer, answers, stop } = channelsList();
    answers[0]?.([channel('connected', '2026-11-25T03:00:00.000Z')]);
    await settle();
    void observer.refetch();
    await settle();
    upsertChannel(client, channel('disconnected', '2026-11-25T03:00:01.000Z'));
    await settle();
    expect(answers).toHaveLength(3); // the refetch on its way was started over
    answers[1]?.([channel('connected', '2026-11-25T03:00:00.000Z')]);
    answers[2]?.([channel('disconnected', '2026-11-25T03:00:01.000Z')]);
    await settle();
    expect(observer.getCurrentResult().data?.[0]?.status).toBe('disconnected');
    stop();
  });

  it('a loaded list takes the push at once, without asking again', async () => {
    const { client, observer, answers, stop } = channelsList();
    answers[0]?.([channel('connected', '2026-11-25T03:00:00.000Z')]);
    await settle();
    upsertChannel(client, channel('logged_out', '2026-11-25T03:00:02.000Z'));
    await settle();
    expect(answers).toHaveLength(1);
    expect(observer.getCurrentResult().data?.[0]?.status).toBe('logged_out');
    stop();
  });
});
