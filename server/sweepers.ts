import { autoAssignWaiting } from '../lib/domain/auto-assign';
import type { DomainContext } from '../lib/domain/context';
import { sweepOfflineAgents } from '../lib/domain/presence';
import { getCachedSettings, routingSettings } from '../lib/domain/settings';
import { sweepResponseSla } from '../lib/domain/sla';
import { sweepWaitingSla } from '../lib/domain/sla-waiting';
import { coalesce, realTimers, type Timers } from './socket/coalesce';

export interface SweeperOptions {
  ctx: DomainContext;
  timers?: Timers;
  /** How often the time rules are checked; 0 turns the periodic sweep off (tests call sweep()). */
  intervalMs?: number;
  /** Users with a tab on this process: alive whatever their last heartbeat says. */
  connectedHere: () => number[];
}

/**
 * The time rules, run inside the server: waiting SLA, response SLA, agents going offline,
 * and (when on) auto-assignment. Every step is a conditional update, so several processes
 * sweeping one PostgreSQL never alert, escalate or move a ticket twice.
 */
export function startSweepers(options: SweeperOptions) {
  const { ctx } = options;
  const timers = options.timers ?? realTimers;
  let timer: unknown = null;
  let stopped = false;

  async function autoAssign() {
    const routing = await getCachedSettings(ctx.db, routingSettings);
    if (routing.auto_assign) await autoAssignWaiting(ctx);
  }

  async function sweep() {
    await sweepWaitingSla(ctx);
    await sweepResponseSla(ctx);
    await sweepOfflineAgents(ctx, { connectedHere: options.connectedHere() });
    await autoAssign();
  }

  // A new ticket, a freed agent, an agent coming online: assign soon, not at the next sweep.
  const assignSoon = coalesce(() => autoAssign().catch((error) => ctx.logger.error({ err: error }, 'auto-assign failed')), 100, timers);
  const unsubscribe = ctx.bus.subscribe((event) => {
    if (
      event.type === 'ticket.created' ||
      (event.type === 'ticket.updated' && event.scope !== 'activity' && event.ticket.status !== 'assigned') ||
      (event.type === 'presence.changed' && event.user?.presence === 'online') ||
      (event.type === 'settings.changed' && event.group === 'routing')
    ) {
      assignSoon.request();
    }
  });

  const every = options.intervalMs ?? 5_000;
  const schedule = () => {
    if (stopped || every <= 0) return;
    timer = timers.setTimeout(() => {
      void sweep()
        .catch((error) => ctx.logger.error({ err: error }, 'sweep failed'))
        .finally(schedule);
    }, every);
  };
  schedule();

  return {
    sweep,
    stop() {
      stopped = true;
      unsubscribe();
      assignSoon.cancel();
      if (timer !== null) timers.clearTimeout(timer);
    },
  };
}
