import { parentPort, workerData } from 'node:worker_threads';
import { Kysely } from 'kysely';
import type { Database } from '../../database.ts';
import type { KeyStoreSchema } from '../../platform/crypto/keys.tables.ts';
import { Envelope } from '../../platform/crypto/envelope.ts';
import { systemClock } from '../../platform/clock.ts';
import { openThreadConnection } from '../../platform/db/dialect/thread-connection.ts';
import { AppError } from '../../errors.ts';
import { MessageWriter } from './message-writer.ts';
import type { FromWriterThread, SendOutcome, ToWriterThread, WriterThreadData } from './message-writer-thread.ts';

// The writer thread: the same group commit as in the server's thread, over connections of its own
// (the database the server migrated, and the key store to unwrap the senders' member keys).
const data = workerData as WriterThreadData;
const port = parentPort!;
const database = openThreadConnection(data.database);
const keystore = openThreadConnection(data.keystore);
const db = new Kysely<Database>({ dialect: database.dialect });
const keys = new Kysely<KeyStoreSchema>({ dialect: keystore.dialect });
// the key cache's lifetime is measured on the system clock, as in the server's thread
const envelope = new Envelope(keys, Buffer.from(data.kek), systemClock);
const writer = new MessageWriter({ db, envelope, maxBatch: data.maxBatch });

port.postMessage({ type: 'ready' } satisfies FromWriterThread);

// Outcomes settled in one turn (one commit) go back as one message.
let outbox: SendOutcome[] = [];
function answer(outcome: SendOutcome): void {
  outbox.push(outcome);
  if (outbox.length > 1) return;
  setImmediate(() => {
    const outcomes = outbox;
    outbox = [];
    port.postMessage({ type: 'outcomes', outcomes } satisfies FromWriterThread);
  });
}

port.on('message', (message: ToWriterThread) => {
  if (message.type === 'close') {
    void writer
      .flushed()
      .then(() => Promise.all([db.destroy(), keys.destroy()]))
      .finally(() => port.close());
    return;
  }
  for (const { id, request } of message.sends) {
    writer.send(request).then(
      (stored) => answer({ id, stored }),
      (error: unknown) =>
        answer(
          error instanceof AppError
            ? { id, refused: { code: error.code, extra: error.extra, message: error.message } }
            : { id, failed: error instanceof Error ? error.message : 'the message could not be saved' },
        ),
    );
  }
});
