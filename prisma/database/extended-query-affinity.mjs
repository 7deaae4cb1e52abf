// pglite-socket 0.2.17 queues every protocol message on its own and keeps one connection's
// messages together only while PGlite is inside a transaction (electric-sql/pglite#1046, open).
// An extended-query batch (Parse, Bind, Describe, Execute … Sync) is not a transaction, so
// while another connection holds one, queued batches of two connections interleave on PGlite's
// single session: one binds the other's unnamed statement, and gets an error or, worse, the
// other's rows. Reporting a batch in progress as a transaction makes the server finish it first.

const PARSE = 0x50; // 'P'
const BIND = 0x42; // 'B'
const DESCRIBE = 0x44; // 'D'
const EXECUTE = 0x45; // 'E'
const CLOSE = 0x43; // 'C'
const FLUSH = 0x48; // 'H'
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

const opensBatch = new Set([PARSE, BIND, DESCRIBE, EXECUTE, CLOSE, FLUSH]);
const endsBatch = new Set([SYNC, QUERY, TERMINATE]);

/**
 * The PGlite instance as the socket server should see it: "in a transaction" from the first
 * message of an extended-query batch to its Sync, so that its queue keeps the batch together.
 * @param {import('@electric-sql/pglite').PGlite} db
 * @returns {import('@electric-sql/pglite').PGlite}
 */
export function withExtendedQueryAffinity(db) {
  let batchOpen = false;
  return new Proxy(db, {
    get(target, property) {
      if (property === 'isInTransaction') return () => batchOpen || target.isInTransaction();
      if (property === 'execProtocolRawStream') {
        return (message, options) => {
          if (opensBatch.has(message[0])) batchOpen = true;
          else if (endsBatch.has(message[0])) batchOpen = false;
          return target.execProtocolRawStream(message, options);
        };
      }
      if (property === 'exec') {
        // The server's only exec is the ROLLBACK for a connection that left mid-transaction:
        // whatever batch it had open is over too.
        return (...args) => {
          batchOpen = false;
          return target.exec(...args);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
