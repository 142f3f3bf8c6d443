import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as agentsCsv } from '../../app/api/analytics/agents.csv/route';
import { GET as analytics } from '../../app/api/analytics/route';
import { GET as getSettings, PUT as putSettings } from '../../app/api/settings/[group]/route';
import { createApiToken } from '../../lib/auth/api-tokens';
import type { AnalyticsReport } from '../../lib/domain/views';
import { createActor } from '../helpers/context';
import { insertTicket } from '../helpers/constructed-tickets';
import { databaseTargets } from '../helpers/database';
import { call, type ErrorBody } from '../helpers/http';
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';

type Group = { group: string };

describe.each(databaseTargets())('analytics and team settings over HTTP on %s', (kind) => {
  let app: TestRuntime;
  const token = { agent: '', supervisor: '', admin: '' };
  let agentId = 0;

  beforeAll(async () => {
    app = await startTestRuntime(kind);
    const { db, clock } = app.runtime.ctx;
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      const actor = await createActor(db, role, `Http ${role}`);
      if (role === 'agent') agentId = actor.id;
      token[role] = (await createApiToken(db, { userId: actor.id, name: 'test', now: clock.now() })).token;
    }
    const channelId = app.runtime.channels.gateway.id;
    await insertTicket(db, {
      channelId, createdAt: '2026-03-10T02:00:00Z', firstAssignedAt: '2026-03-10T02:01:00Z', firstResponseAt: '2026-03-10T02:02:00Z',
      resolvedAt: '2026-03-10T02:30:00Z', assignedAgentId: agentId, resolvedBy: agentId,
    });
  });
  afterAll(() => app?.close());

  it('supervisors and admins get the report; agents get 403', async () => {
    const ok = await call<AnalyticsReport>(analytics, '/api/analytics?from=2026-03-10&to=2026-03-16', { token: token.supervisor });
    expect(ok.status).toBe(200);
    expect(ok.body.range).toEqual({ from: '2026-03-10', to: '2026-03-16', timezone: 'Asia/Jakarta', bucket: 'day' });
    expect(ok.body.series).toHaveLength(7);
    expect(ok.body.totals).toMatchObject({ created: 1, resolved: 1, claimed: 1, resolution_rate: 1, median_wait_seconds: 60, median_handle_seconds: 1740 });
    expect((await call(analytics, '/api/analytics?from=2026-03-10&to=2026-03-10', { token: token.admin })).status).toBe(200);
    const refused = await call<ErrorBody>(analytics, '/api/analytics?from=2026-03-10&to=2026-03-10', { token: token.agent });
    expect(refused.status).toBe(403);
  });

  it.each([
    ['missing dates', ''],
    ['a date that is not one', 'from=2026-02-30&to=2026-03-01'],
    ['from after to', 'from=2026-03-10&to=2026-03-09'],
    ['more than 366 days', 'from=2025-01-01&to=2026-01-02'],
    ['an unknown bucket', 'from=2026-03-01&to=2026-03-02&bucket=week'],
    ['hours over more than a month', 'from=2026-01-01&to=2026-03-01&bucket=hour'],
    ['an agent id that is not a number', 'from=2026-03-01&to=2026-03-02&agent_id=ani'],
  ])('400 for %s', async (_what, query) => {
    const res = await call<ErrorBody>(analytics, `/api/analytics?${query}`, { token: token.supervisor });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBeTruthy();
  });

  it('the per-agent CSV downloads as an attachment with a header and one row per agent', async () => {
    const res = await call<string>(agentsCsv, '/api/analytics/agents.csv?from=2026-03-10&to=2026-03-10', { token: token.supervisor });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="loket-agents-2026-03-10-to-2026-03-10.csv"');
    expect(res.body.split('\r\n')).toEqual([
      'agent_id,name,handled,resolved,resolution_rate,median_first_response_seconds,median_handle_seconds',
      `${agentId},Http agent,1,1,1,120,1740`,
      '',
    ]);
    expect((await call(agentsCsv, '/api/analytics/agents.csv?from=2026-03-10&to=2026-03-10', { token: token.agent })).status).toBe(403);
    expect((await call(agentsCsv, '/api/analytics/agents.csv?from=nope&to=2026-03-10', { token: token.supervisor })).status).toBe(400);
  });

  it('the team settings group: Asia/Jakarta by default, admins set a real IANA zone, nonsense is a 400', async () => {
    const params = { group: 'team' };
    const read = await call<unknown, Group>(getSettings, '/api/settings/team', { token: token.agent, params });
    expect(read.body).toEqual({ team: { timezone: 'Asia/Jakarta' } });
    const bad = await call<ErrorBody, Group>(putSettings, '/api/settings/team', { method: 'PUT', token: token.admin, params, body: { timezone: 'Jakarta' } });
    expect(bad.status).toBe(400);
    expect((await call<unknown, Group>(putSettings, '/api/settings/team', { method: 'PUT', token: token.supervisor, params, body: { timezone: 'UTC' } })).status).toBe(403);
    const set = await call<unknown, Group>(putSettings, '/api/settings/team', { method: 'PUT', token: token.admin, params, body: { timezone: 'Asia/Jayapura' } });
    expect(set.body).toEqual({ team: { timezone: 'Asia/Jayapura' } });
    const report = await call<AnalyticsReport>(analytics, '/api/analytics?from=2026-03-10&to=2026-03-10', { token: token.supervisor });
    expect(report.body.range.timezone).toBe('Asia/Jayapura');
  });
});
