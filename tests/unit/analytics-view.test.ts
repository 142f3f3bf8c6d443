import { describe, expect, it } from 'vitest';
import { analyticsViewFromParams, analyticsViewToParams } from '../../lib/ui/analytics-query';

const read = (query: string) => analyticsViewFromParams(new URLSearchParams(query));

describe("the analytics page's address", () => {
  it('is empty for the default view (the last 7 days, everyone) and reads back as it', () => {
    const view = read('');
    expect(view).toEqual({ preset: '7d', custom: null, filters: { agentId: '', channelId: '' } });
    expect(analyticsViewToParams(view).toString()).toBe('');
  });

  it('keeps a preset as a moving window, and the filters', () => {
    const view = read('range=today&agent_id=12&channel_id=3');
    expect(view).toEqual({ preset: 'today', custom: null, filters: { agentId: '12', channelId: '3' } });
    expect(analyticsViewToParams(view).toString()).toBe('range=today&agent_id=12&channel_id=3');
  });

  it('keeps a range of fixed dates', () => {
    const view = read('from=2026-10-01&to=2026-10-31');
    expect(view.preset).toBe('custom');
    expect(view.custom).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(analyticsViewToParams(view).toString()).toBe('from=2026-10-01&to=2026-10-31');
  });

  it('falls back to the default for what the API would refuse: bad dates, reversed or too long ranges, odd ids', () => {
    for (const query of ['from=2026-02-30&to=2026-03-01', 'from=2026-10-31&to=2026-10-01', 'from=2020-01-01&to=2026-01-01', 'range=year']) {
      expect(read(query)).toMatchObject({ preset: '7d', custom: null });
    }
    expect(read('agent_id=0&channel_id=abc').filters).toEqual({ agentId: '', channelId: '' });
  });
});
