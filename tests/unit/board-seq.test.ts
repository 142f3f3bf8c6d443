import { describe, expect, it } from 'vitest';
import { boardStep, pickFresher } from '../../lib/ui/board-seq';

describe('a pushed board snapshot', () => {
  it('is shown when nothing is on screen yet', () => {
    expect(boardStep(undefined, { seq: 40 })).toBe('apply');
  });

  it('is shown when it follows the current one', () => {
    expect(boardStep({ seq: 4 }, { seq: 5 })).toBe('apply');
  });

  it('is shown and followed by a refetch when pushes went missing', () => {
    expect(boardStep({ seq: 4 }, { seq: 7 })).toBe('apply-and-refetch');
  });

  it('is dropped when it is a repeat or older than what is shown', () => {
    expect(boardStep({ seq: 9 }, { seq: 9 })).toBe('ignore');
    expect(boardStep({ seq: 9 }, { seq: 3 })).toBe('ignore');
  });
});

describe('a fetched board racing the pushes', () => {
  it('loses to a newer snapshot pushed while it travelled', () => {
    expect(pickFresher({ seq: 10, tag: 'rest' }, { seq: 12, tag: 'push' }).tag).toBe('push');
  });

  it('wins over an older push, and stands alone when nothing was pushed', () => {
    expect(pickFresher({ seq: 10, tag: 'rest' }, { seq: 9, tag: 'push' }).tag).toBe('rest');
    expect(pickFresher({ seq: 10, tag: 'rest' }, undefined).tag).toBe('rest');
  });

  it('is taken after a server restart even though its sequence starts again from 1', () => {
    expect(pickFresher({ seq: 1, tag: 'rest' }, undefined).tag).toBe('rest');
  });
});
