import { ZodError } from 'zod';
import { z } from 'zod';
import { isSupervisor } from '../../lib/domain/context';
import { DomainError } from '../../lib/domain/errors';
import { presentCustomerSide } from '../../lib/domain/presenters';
import { getTicketFor } from '../../lib/domain/tickets';
import { noteAgentTyping } from '../../lib/domain/typing';
import { type Ack, rooms } from '../../lib/realtime/events';
import type { Runtime } from '../../lib/runtime';
import { customerHistory, type EmitToCustomer, sendAsCustomer, simulatorPhone } from '../channels/simulator';
import type { LoketSocket } from './types';

type Failure = Extract<Ack, { ok: false }>;

function failure(error: unknown, runtime: Runtime): Failure {
  if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message } };
  if (error instanceof ZodError) {
    return { ok: false, error: { code: 'invalid_request', message: error.issues[0]?.message ?? 'invalid request' } };
  }
  if (error instanceof Error && error.message.startsWith('Enter ')) {
    return { ok: false, error: { code: 'invalid_request', message: error.message } };
  }
  runtime.ctx.logger.error({ err: error }, 'socket handler failed');
  return { ok: false, error: { code: 'internal_error', message: 'Something went wrong on our side.' } };
}

const ticketIdSchema = z.number().int().positive();
const TYPING_INTERVAL_MS = 3_000;

/** Socket commands: parse, authorize, call the domain, acknowledge. */
export function registerHandlers(socket: LoketSocket, runtime: Runtime, emitToCustomer: EmitToCustomer) {
  const { actor } = socket.data;
  const ack = <T>(fn: unknown) => (typeof fn === 'function' ? (fn as (r: T) => void) : () => {});

  socket.on('ticket:watch', async (ticketId, callback) => {
    const reply = ack<Ack>(callback);
    try {
      const id = ticketIdSchema.parse(ticketId);
      await getTicketFor(runtime.ctx, actor, id);
      await socket.join(rooms.ticket(id));
      reply({ ok: true });
    } catch (error) {
      reply(failure(error, runtime));
    }
  });

  socket.on('ticket:unwatch', (ticketId) => {
    if (typeof ticketId === 'number') void socket.leave(rooms.ticket(ticketId));
  });

  // WhatsApp's "typing…" lasts a few seconds: one signal per ticket every 3 s is plenty.
  const lastTyping = new Map<number, number>();
  socket.on('ticket:typing', (ticketId) => {
    const id = ticketIdSchema.safeParse(ticketId);
    if (!id.success) return;
    const now = runtime.ctx.clock.now().getTime();
    if (now - (lastTyping.get(id.data) ?? 0) < TYPING_INTERVAL_MS) return;
    lastTyping.set(id.data, now);
    noteAgentTyping(runtime.ctx, { ticketId: id.data, actor }).catch(() => {});
  });

  const simulator = runtime.channels.simulator;
  if (!simulator || !isSupervisor(actor)) return;

  socket.on('simulator:watch', async (rawPhone, callback) => {
    const reply = ack<Ack<{ messages: Awaited<ReturnType<typeof customerHistory>> }>>(callback);
    try {
      const phone = simulatorPhone(String(rawPhone ?? ''));
      for (const room of socket.rooms) if (room.startsWith('simulator:')) await socket.leave(room);
      await socket.join(rooms.simulator(phone));
      reply({ ok: true, messages: await customerHistory(runtime.ctx, simulator, phone) });
    } catch (error) {
      reply(failure(error, runtime));
    }
  });

  socket.on('simulator:send', async (input, callback) => {
    const reply = ack<Ack<{ ticket_id: number; message_id: number }>>(callback);
    try {
      const { phone, result } = await sendAsCustomer(runtime.ctx, simulator, input);
      const { message } = result;
      // Other tabs playing the same customer see the message too.
      emitToCustomer(phone, presentCustomerSide(message));
      reply({ ok: true, ticket_id: result.ticket.id, message_id: message.id });
    } catch (error) {
      reply(failure(error, runtime));
    }
  });
}
