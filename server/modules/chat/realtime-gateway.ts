import type WebSocket from 'ws';
import type { Logger } from 'pino';
import type { AccessEnded, ChatEvent, EventBus, RealtimeEvent } from '../../platform/bus/event-bus.ts';
import type { SessionService } from '../identity/sessions.service.ts';
import type { ChatRepo } from './chat.repo.ts';
import type { MessageService } from './messages.service.ts';
import { RealtimeConnection } from './realtime-connection.ts';
import { closeCodes } from './realtime-protocol.ts';

// Who is in a chat is remembered briefly; every change of membership, on any server, clears it
// before anything published after the change is delivered. The lifetime only bounds a change that
// was never announced.
const MEMBERS_TTL_MS = 10_000;
const SWEEP_MS = 30_000;
const SWEEP_GROUP = 50;

/**
 * The people connected to this server process, and delivery to them of what the bus says
 * happened in their chats. Each event is serialised once, however many receive it.
 */
export class RealtimeGateway {
  private readonly byAccount = new Map<string, Set<RealtimeConnection>>();
  private readonly members = new Map<string, { accounts: string[]; at: number }>();
  // Events of one chat are delivered in the order they were heard, even while its members load.
  private readonly chains = new Map<string, Promise<void>>();
  private sweeper: NodeJS.Timeout | null = null;
  private heard: RealtimeEvent[] = [];
  /**
   * Moves on with every membership change heard. A load of a chat's members that began before a
   * change may have read the old membership: it is used for the event it was made for (heard
   * before the change) and never remembered for the events after it.
   */
  private membershipEpoch = 0;

  constructor(private readonly deps: { bus: EventBus; repo: ChatRepo; messages: MessageService; sessions: SessionService; logger: Logger }) {}

  start(): void {
    this.deps.bus.subscribe((event) => this.hear(event));
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  get connectionCount(): number {
    let count = 0;
    for (const set of this.byAccount.values()) count += set.size;
    return count;
  }

  attach(socket: WebSocket, accountId: string, session: { id: string; token: string }): void {
    const connection = new RealtimeConnection(socket, accountId, session, { messages: this.deps.messages, logger: this.deps.logger });
    const set = this.byAccount.get(accountId) ?? new Set();
    set.add(connection);
    this.byAccount.set(accountId, set);
    socket.on('close', () => {
      set.delete(connection);
      if (!set.size) this.byAccount.delete(accountId);
    });
    socket.on('error', () => socket.terminate());
    connection.push(JSON.stringify({ type: 'hello', protocol: 1 }));
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const set of this.byAccount.values()) for (const connection of set) connection.close(closeCodes.goingAway, 'server restarting');
  }

  /**
   * Events heard in one turn of the event loop are delivered just after it, in the order heard.
   * The replies of that turn (the sender's acknowledgement among them) go out first, so a sender
   * is not kept waiting while a group of thousands is written to; and the sends that the
   * acknowledgements bring in reach the writer thread while those deliveries are written.
   */
  private hear(event: RealtimeEvent): void {
    this.heard.push(event);
    if (this.heard.length === 1) setImmediate(() => this.deliverHeard());
  }

  private deliverHeard(): void {
    const events = this.heard;
    this.heard = [];
    for (const event of events) this.route(event);
  }

  private route(event: RealtimeEvent): void {
    if ('accessEnded' in event) {
      this.endAccess(event.accessEnded);
      return;
    }
    this.routeChatEvent(event);
  }

  /**
   * Acted on when heard, before the next event: the sessions' sockets close (their `closing` stops
   * every later push at once), and what was remembered of the person's chats is forgotten, so the
   * next event of each chat asks the database, where the membership has already ended.
   */
  private endAccess({ accountId, sessionIds }: AccessEnded['accessEnded']): void {
    this.membershipEpoch++;
    for (const [conversationId, cached] of this.members) if (cached.accounts.includes(accountId)) this.members.delete(conversationId);
    if (sessionIds === null) return;
    const ended = sessionIds === 'all' ? null : new Set(sessionIds);
    for (const connection of this.byAccount.get(accountId) ?? []) {
      if (!ended || ended.has(connection.session.id)) connection.close(closeCodes.sessionEnded, 'signed out');
    }
  }

  private routeChatEvent(event: ChatEvent): void {
    const { conversationId } = event;
    if (event.membersChanged) {
      this.membershipEpoch++;
      this.members.delete(conversationId);
    }
    // encoded once: ws would otherwise turn the same string into bytes again for every receiver
    const data = Buffer.from(JSON.stringify(event.frame));
    const chain = this.chains.get(conversationId);
    const known = event.accountIds ?? this.knownAccounts(conversationId);
    if (!chain && known) {
      this.deliver(known, data);
      return;
    }
    const next = (chain ?? Promise.resolve())
      .then(async () => this.deliver(event.accountIds ?? (await this.accountsOf(conversationId)), data))
      .catch((error) => this.deps.logger.error({ err: error }, 'realtime delivery failed'))
      .finally(() => {
        if (this.chains.get(conversationId) === next) this.chains.delete(conversationId);
      });
    this.chains.set(conversationId, next);
  }

  private knownAccounts(conversationId: string): string[] | undefined {
    const cached = this.members.get(conversationId);
    return cached && Date.now() - cached.at < MEMBERS_TTL_MS ? cached.accounts : undefined;
  }

  private deliver(accountIds: string[], data: Buffer): void {
    for (const accountId of accountIds) {
      const set = this.byAccount.get(accountId);
      if (set) for (const connection of set) connection.push(data);
    }
  }

  private async accountsOf(conversationId: string): Promise<string[]> {
    const known = this.knownAccounts(conversationId);
    if (known) return known;
    const epoch = this.membershipEpoch;
    const accounts = await this.deps.repo.recipients(conversationId);
    if (epoch === this.membershipEpoch) this.members.set(conversationId, { accounts, at: Date.now() });
    return accounts;
  }

  /**
   * Drops dead connections, and closes those whose session expired. A session that is ended
   * (signed out, ended elsewhere, account cancelled or disabled) closes its sockets when the bus
   * says so; this check is what remains for expiry, and for an end this process did not hear.
   */
  async sweep(): Promise<void> {
    const connections = [...this.byAccount.values()].flatMap((set) => [...set]);
    // In groups: the session touches that fall due in a group share one commit, and between
    // groups frames get through (SQLite answers without giving I/O a turn), so 10,000
    // connections are swept without freezing delivery.
    for (let start = 0; start < connections.length; start += SWEEP_GROUP) {
      if (start) await new Promise((resolve) => setImmediate(resolve));
      await Promise.all(connections.slice(start, start + SWEEP_GROUP).map((connection) => this.check(connection)));
    }
  }

  private async check(connection: RealtimeConnection): Promise<void> {
    if (!connection.alive) {
      connection.socket.terminate();
      return;
    }
    connection.alive = false;
    connection.socket.ping();
    const active = await this.deps.sessions.authenticate(connection.session.token).catch(() => null);
    if (!active) connection.close(closeCodes.sessionEnded, 'signed out');
  }
}
