// How a pushed board snapshot relates to the one on screen. Every push is a whole snapshot, so a
// newer one is always worth showing; a gap only says pushes went missing, and the contract asks
// for a refetch then (the server's copy is the one to trust after a loss).

export type BoardStep = 'apply' | 'apply-and-refetch' | 'ignore';

export function boardStep(current: { seq: number } | undefined, incoming: { seq: number }): BoardStep {
  if (!current) return 'apply';
  if (incoming.seq === current.seq + 1) return 'apply';
  // Late or repeated (e.g. the snapshot sent on connect after a fresher REST answer).
  if (incoming.seq <= current.seq) return 'ignore';
  return 'apply-and-refetch';
}

/**
 * A REST snapshot may have left the server before pushes that arrived while it travelled:
 * keep whichever is newer. A lower fetched seq with no newer push is taken as is (the server
 * restarted and counts from the start again).
 */
export function pickFresher<T extends { seq: number }>(fetched: T, pushedMeanwhile: T | undefined): T {
  return pushedMeanwhile && pushedMeanwhile.seq > fetched.seq ? pushedMeanwhile : fetched;
}
