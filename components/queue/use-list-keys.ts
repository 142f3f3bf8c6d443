'use client';
import { useEffect, useRef } from 'react';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** j/k or arrows move through a list, Enter acts on the current row; ignored while typing. */
export function useListKeys({
  ids,
  current,
  onMove,
  onEnter,
}: {
  ids: number[];
  current: number | null;
  onMove: (id: number) => void;
  onEnter: (id: number) => void;
}) {
  const state = useRef({ ids, current, onMove, onEnter });
  useEffect(() => {
    state.current = { ids, current, onMove, onEnter };
  });

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey || typing(event.target)) return;
      const { ids, current, onMove, onEnter } = state.current;
      if (!ids.length) return;
      const index = current === null ? -1 : ids.indexOf(current);
      if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        onMove(ids[Math.min(ids.length - 1, index + 1)] ?? ids[0]!);
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        onMove(ids[Math.max(0, index - 1)] ?? ids[0]!);
      } else if (event.key === 'Enter' && current !== null && !(event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement)) {
        // A focused button already claims on Enter by itself.
        event.preventDefault();
        onEnter(current);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
