import { describe, expect, it } from 'vitest';
import { floorDrift } from '@/bench/lib/floor-drift';

// The benchmark's floor replays ingest's own statements word for word; when ingest changes its SQL
// and the floor does not, the report's "Loket ÷ floor" compares two different transactions.
describe('the benchmark floor', () => {
  it('replays every statement ingest sends for a new customer and a follow-up', async () => {
    expect(await floorDrift()).toEqual([]);
  });
});
