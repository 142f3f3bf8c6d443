import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../../lib/domain/errors';
import { errorResponse, parseId, readJson } from '../../lib/http/api-route';

describe('parseId: route ids', () => {
  it('accepts positive integers written plainly', () => {
    expect(parseId('1', 'Ticket')).toBe(1);
    expect(parseId('123456', 'Ticket')).toBe(123456);
  });

  it.each(['abc', '', '0', '-1', '1.5', '01', '1e3', ' 1', '0x10', '9007199254740993', undefined])(
    '%j names no ticket: 404 not_found',
    (value) => {
      let thrown: unknown;
      try {
        parseId(value, 'Ticket');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect(thrown).toMatchObject({ status: 404, code: 'not_found', message: 'Ticket not found' });
    },
  );
});

describe('errorResponse: every failure is JSON {"error":{"code","message"}}', () => {
  it('a DomainError keeps its status, code and details', async () => {
    const res = errorResponse(new DomainError('ticket_already_claimed', 'Ticket already claimed by Sari.', 409, { assigned_agent_id: 5 }));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: 'ticket_already_claimed', message: 'Ticket already claimed by Sari.', details: { assigned_agent_id: 5 } },
    });
  });

  it('a validation error is a 400 naming the field', async () => {
    const parsed = z.object({ text: z.string().min(1, 'text cannot be empty') }).safeParse({ text: '' });
    const res = errorResponse(parsed.error);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_request', message: 'text: text cannot be empty' } });
  });

  it('anything else is a 500 that does not leak the cause to the client, but logs it', async () => {
    const logged: string[] = [];
    // The process-wide logger (lib/logger.ts getLogger) is shared through this symbol.
    (globalThis as Record<symbol, unknown>)[Symbol.for('loket.logger')] = pino({}, { write: (line: string) => logged.push(line) });
    const res = errorResponse(new Error('connection string postgres://user:pw@db'));
    expect(logged.join('')).toContain('connection string postgres://user:pw@db');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.message).not.toContain('postgres://');
  });
});

describe('readJson', () => {
  const schema = z.object({ text: z.string() });
  const request = (body: string) => new Request('http://localhost/x', { method: 'POST', body });

  it('a body that is not JSON is a 400 invalid_json, not a crash', async () => {
    await expect(readJson(request('{"text":'), schema)).rejects.toMatchObject({ status: 400, code: 'invalid_json' });
  });

  it('valid JSON is checked against the schema', async () => {
    await expect(readJson(request('{"text":"halo"}'), schema)).resolves.toEqual({ text: 'halo' });
    await expect(readJson(request('{"text":1}'), schema)).rejects.toBeInstanceOf(z.ZodError);
  });
});
