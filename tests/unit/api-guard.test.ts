import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/domain/errors';
import { answerForError, crossSiteWrite } from '../../lib/http/api-guard';
import { errorResponse } from '../../lib/http/api-route';
import { headerOf, toWebHeaders } from '../../lib/http/request-headers';

// The routes answered before Next get node's header object; Next's get web Headers: both must judge alike.
const both = (headers: Record<string, string>) => [new Headers(headers), { ...headers }];

describe('crossSiteWrite: a cookie write from a foreign Origin', () => {
  it.each([
    ['POST', { host: 'desk.toko.id', origin: 'https://evil.example', cookie: 'a=b' }, true],
    ['POST', { host: 'desk.toko.id', origin: 'https://desk.toko.id' }, false],
    ['POST', { host: '127.0.0.1:3000', 'x-forwarded-host': 'desk.toko.id', origin: 'https://desk.toko.id' }, false],
    ['POST', { host: 'desk.toko.id', origin: 'not a url' }, true],
    ['POST', { host: 'desk.toko.id' }, false],
    ['POST', { host: 'desk.toko.id', origin: 'https://evil.example', authorization: 'Bearer lkt_x' }, false],
    ['GET', { host: 'desk.toko.id', origin: 'https://evil.example' }, false],
  ] as const)('%s %j: %s', (method, headers, refused) => {
    for (const form of both(headers)) expect(crossSiteWrite(method, form)).toBe(refused);
  });
});

describe('request headers in either form', () => {
  it('read alike, repeated values joined as Headers.get joins them', () => {
    expect(headerOf({ 'x-a': ['1', '2'] }, 'x-a')).toBe(new Headers([['x-a', '1'], ['x-a', '2']]).get('x-a'));
    expect(headerOf({}, 'cookie')).toBeNull();
    expect(toWebHeaders({ cookie: 'loket.session_token=abc', host: 'h' }).get('cookie')).toBe('loket.session_token=abc');
  });
});

describe('answerForError: the body every route sends', () => {
  it('is what errorResponse sends', async () => {
    const error = new DomainError('ticket_already_claimed', 'Ticket already claimed by Sari.', 409, { assigned_agent_id: 5 });
    const answer = answerForError(error);
    const res = errorResponse(error);
    expect(answer.status).toBe(res.status);
    expect(answer.body).toEqual(await res.json());
  });
});
