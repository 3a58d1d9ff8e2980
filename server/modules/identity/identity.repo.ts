import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../database.ts';

export type AccountRow = Selectable<Database['account']>;
export type ChallengeRow = Selectable<Database['otp_challenge']>;
export type SessionRow = Selectable<Database['session']>;

// ids bound to one statement, well below both databases' limits on parameters
const TOUCH_CHUNK = 1_000;

/** All SQL of the identity domain. */
export class IdentityRepo {
  constructor(readonly db: Kysely<Database>) {}

  accountById(id: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
  }

  accountByIndex(channel: 'email' | 'sms', index: string): Promise<AccountRow | undefined> {
    const column = channel === 'email' ? 'email_index' : 'phone_index';
    return this.db.selectFrom('account').selectAll().where(column, '=', index).executeTakeFirst();
  }

  async insertAccount(row: AccountRow, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.insertInto('account').values(row).execute();
  }

  async updateAccount(id: string, changes: Updateable<Database['account']>): Promise<void> {
    await this.db.updateTable('account').set(changes).where('id', '=', id).execute();
  }

  /**
   * Writes a new code unless the identifier already has an open one (the unique index of open
   * codes, migration 0023): of code requests sent at once, one writes and the others learn they
   * came too soon. Answers whether this one was written.
   */
  async insertChallenge(row: ChallengeRow): Promise<boolean> {
    const written = await this.db.insertInto('otp_challenge').values(row).onConflict((conflict) => conflict.doNothing()).returning('id').executeTakeFirst();
    return written !== undefined;
  }

  challengeById(id: string): Promise<ChallengeRow | undefined> {
    return this.db.selectFrom('otp_challenge').selectAll().where('id', '=', id).executeTakeFirst();
  }

  latestChallengeFor(identifierIndex: string): Promise<ChallengeRow | undefined> {
    return this.db
      .selectFrom('otp_challenge')
      .selectAll()
      .where('identifier_index', '=', identifierIndex)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * A newer code replaces the older ones, so guesses cannot be spread over many live codes. Only
   * codes sent before `sentBefore` (the resend cooldown) are replaced: a code a concurrent request
   * has just written stays, and keeps this request's code out.
   */
  async retireOpenChallenges(identifierIndex: string, at: number, sentBefore: number): Promise<void> {
    await this.db
      .updateTable('otp_challenge')
      .set({ consumed_at: at })
      .where('identifier_index', '=', identifierIndex)
      .where('consumed_at', 'is', null)
      .where('created_at', '<=', sentBefore)
      .execute();
  }

  async deleteChallenge(id: string): Promise<void> {
    await this.db.deleteFrom('otp_challenge').where('id', '=', id).execute();
  }

  /**
   * Counts a guess before it is compared, in one conditional statement: of guesses sent at once,
   * only as many as the code has left are let through. Answers the guesses counted so far, or
   * null when the code takes no more (all used, expired, used up or replaced).
   */
  async takeGuess(id: string, maxGuesses: number, now: number): Promise<number | null> {
    const result = await this.db
      .updateTable('otp_challenge')
      .set((eb) => ({ guesses: eb('guesses', '+', 1) }))
      .where('id', '=', id)
      .where('guesses', '<', maxGuesses)
      .where('consumed_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('guesses')
      .executeTakeFirst();
    return result ? Number(result.guesses) : null;
  }

  /** A right code that was refused for something else (a missing name) was no guess: the code keeps it. */
  async giveBackGuess(id: string): Promise<void> {
    await this.db
      .updateTable('otp_challenge')
      .set((eb) => ({ guesses: eb('guesses', '-', 1) }))
      .where('id', '=', id)
      .where('guesses', '>', 0)
      .execute();
  }

  /** Single use: only the first caller to consume a code succeeds. */
  async consumeChallenge(id: string, at: number, executor: Kysely<Database> = this.db): Promise<boolean> {
    const result = await executor
      .updateTable('otp_challenge')
      .set({ consumed_at: at })
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertSession(row: SessionRow, executor: Kysely<Database> = this.db): Promise<void> {
    await executor.insertInto('session').values(row).execute();
  }

  sessionByTokenHash(tokenHash: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  openSessionsOf(accountId: string, now: number): Promise<SessionRow[]> {
    return this.db
      .selectFrom('session')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('last_seen_at', 'desc')
      .execute();
  }

  /** Sessions seen at about the same moment, written in one commit; a later sighting is never moved back. */
  async touchSessions(ids: string[], at: number): Promise<void> {
    const touch = (db: Kysely<Database>, chunk: string[]) =>
      db.updateTable('session').set({ last_seen_at: at }).where('id', 'in', chunk).where('last_seen_at', '<', at).execute();
    if (ids.length <= TOUCH_CHUNK) {
      await touch(this.db, ids);
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      for (let start = 0; start < ids.length; start += TOUCH_CHUNK) await touch(trx, ids.slice(start, start + TOUCH_CHUNK));
    });
  }

  async endSession(accountId: string, sessionId: string, at: number, reason: string): Promise<boolean> {
    const result = await this.db
      .updateTable('session')
      .set({ ended_at: at, end_reason: reason })
      .where('id', '=', sessionId)
      .where('account_id', '=', accountId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async endAllSessions(accountId: string, at: number, reason: string): Promise<number> {
    const result = await this.db
      .updateTable('session')
      .set({ ended_at: at, end_reason: reason })
      .where('account_id', '=', accountId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async knownDevices(accountId: string): Promise<Array<{ device_index: string; first_seen_at: number }>> {
    return this.db.selectFrom('known_device').select(['device_index', 'first_seen_at']).where('account_id', '=', accountId).execute();
  }

  /** A device seen now; one seen before (its id no longer honoured) starts its days again. */
  async rememberDevice(accountId: string, deviceIndex: string, at: number): Promise<void> {
    await this.db
      .insertInto('known_device')
      .values({ account_id: accountId, device_index: deviceIndex, first_seen_at: at })
      .onConflict((conflict) => conflict.columns(['account_id', 'device_index']).doUpdateSet({ first_seen_at: at }))
      .execute();
  }
}
