/**
 * Who the database says holds each ticket, read back through the admin's ticket list (the
 * server owns a PGlite database while it runs, so the API is the one way in for both kinds).
 */
export async function fetchAssignees(baseUrl: string, adminToken: string, ticketIds: number[]): Promise<Map<number, number | null>> {
  const wanted = new Set(ticketIds);
  const found = new Map<number, number | null>();
  let beforeId: number | null = null;
  for (;;) {
    const url = new URL('/api/tickets/all', baseUrl);
    url.searchParams.set('limit', '500');
    if (beforeId !== null) url.searchParams.set('before_id', String(beforeId));
    const res = await fetch(url, { headers: { authorization: `Bearer ${adminToken}` } });
    if (!res.ok) throw new Error(`GET /api/tickets/all answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const page = (await res.json()) as { tickets: { id: number; assigned_agent_id: number | null }[]; next_before_id: number | null };
    for (const t of page.tickets) if (wanted.has(t.id)) found.set(t.id, t.assigned_agent_id);
    if (page.next_before_id === null || found.size === wanted.size) return found;
    beforeId = page.next_before_id;
  }
}
