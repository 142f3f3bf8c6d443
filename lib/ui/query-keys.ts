// One place for react-query keys, so socket handlers and pages touch the same cache entries.
export const queryKeys = {
  queue: ['queue'] as const,
  myTickets: ['my-tickets'] as const,
  counts: ['queue-counts'] as const,
  ticket: (id: number) => ['ticket', id] as const,
  messages: (id: number) => ['messages', id] as const,
  users: ['users'] as const,
  tokens: ['tokens'] as const,
  channels: ['channels'] as const,
  channelLink: (id: number) => ['channel-link', id] as const,
  ticketEvents: (id: number) => ['ticket-events', id] as const,
  priorityRules: ['priority-rules'] as const,
  settings: (group: string) => ['settings', group] as const,
  board: ['board'] as const,
  agents: ['agents'] as const,
  analytics: (params: string) => ['analytics', params] as const,
  ticketSearch: (params: string) => ['ticket-search', params] as const,
};

/** How many queue rows the page shows; the API is asked for one more to learn whether there are more. */
export const QUEUE_LIMIT = 100;
