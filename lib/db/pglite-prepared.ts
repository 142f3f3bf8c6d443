import { type PGlite, parse, protocol, type QueryOptions, type Results } from '@electric-sql/pglite';

type Serializer = (value: unknown) => string;

interface Statement {
  name: string;
  paramTypes: number[];
}

const { serialize } = protocol;

/** Statements are prepared from their second run; at most this many (the rest run as before). */
const MAX_STATEMENTS = 400;
/** Texts run once, waiting for a second run; the set starts over when it is full (dynamic SQL). */
const MAX_SEEN = 5_000;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * PGlite parses, analyses and plans every query afresh, in six calls into its WebAssembly
 * PostgreSQL (parse, describe, bind, describe, execute, sync). The server runs a few dozen
 * statements over and over (each customer message runs the same ten): from its second run a
 * statement is prepared once under a name, and each run after that is one call (bind,
 * describe, execute, sync) with no parsing or planning: about a third of the time per
 * statement (bench/RESULTS.md). Parameters are serialized and rows parsed exactly as PGlite's
 * own `query` does, with the instance's serializers and parsers.
 */
export function createPgliteStatements(client: PGlite) {
  const seen = new Set<string>();
  const statements = new Map<string, Statement>();

  /** Inside the query lock. Null when the text cannot be prepared: the caller runs it as before, which reports why. */
  async function prepare(text: string): Promise<Statement | null> {
    const name = `loket_${statements.size + 1}`;
    try {
      const messages = await client.execProtocolStream(
        concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]),
        { syncToFs: false },
      );
      const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
      statements.set(text, statement);
      return statement;
    } catch {
      return null;
    }
  }

  /** Inside the query lock. */
  async function execute(statement: Statement, params: unknown[], options: QueryOptions | undefined): Promise<Results> {
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = statement.paramTypes[i]!;
      const serializer = (options?.serializers?.[type] ?? client.serializers[type]) as Serializer | undefined;
      return serializer ? serializer(value) : String(value);
    });
    const messages = await client.execProtocolStream(
      concat([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
      { syncToFs: false },
    );
    if (!client.isInTransaction()) await client.syncToFs();
    return parse.parseResults(messages, client.parsers, options)[0]!;
  }

  /**
   * Runs `text` as a prepared statement once it has run before; the first time, and whatever
   * cannot be prepared, goes to `unprepared` (PGlite's own query on the same handle).
   * `inTransaction`: the caller holds PGlite's transaction lock (a `transaction` callback).
   */
  function run(
    text: string,
    params: unknown[],
    options: QueryOptions | undefined,
    inTransaction: boolean,
    unprepared: () => Promise<Results>,
  ): Promise<Results> {
    if (options?.blob || options?.paramTypes) return unprepared();
    if (!statements.has(text)) {
      if (statements.size >= MAX_STATEMENTS) return unprepared();
      if (!seen.has(text)) {
        if (seen.size >= MAX_SEEN) seen.clear();
        seen.add(text);
        return unprepared();
      }
    }
    const attempt = () =>
      client.runExclusive(async () => {
        let statement = statements.get(text);
        if (!statement) {
          seen.delete(text);
          statement = (await prepare(text)) ?? undefined;
        }
        return statement ? execute(statement, params, options) : null;
      });
    const ran = inTransaction ? attempt() : client._runExclusiveTransaction(attempt);
    return ran.then((result) => result ?? unprepared());
  }

  return { run, preparedCount: () => statements.size };
}
