import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filtersFromParams, filtersToParams } from '../../lib/ui/ticket-filters';

describe('ticket browser filters in the address', () => {
  it('survive a round trip', () => {
    const filters = { status: 'resolved', priority: 'urgent', agentId: '7', channelId: '2', from: '2026-01-01', to: '2026-01-31', q: 'budi' } as const;
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
  });

  it('leave empty ones out of the query', () => {
    expect(filtersToParams(EMPTY_FILTERS).toString()).toBe('');
    expect(filtersToParams({ ...EMPTY_FILTERS, q: '  0812 ' }).toString()).toBe('q=0812');
  });

  it('drop malformed values instead of sending them on', () => {
    const filters = filtersFromParams(new URLSearchParams('status=deleted&priority=HIGH&agent_id=abc&channel_id=-1&from=2026-13-01&to=yesterday'));
    expect(filters).toEqual(EMPTY_FILTERS);
  });
});
