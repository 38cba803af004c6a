/**
 * The one way the code base writes SQL: a tagged template whose interpolations become `$1`, `$2`…
 * bind parameters (never text pasted into the statement), composable from fragments:
 *
 *   db.query(sql`SELECT … FROM messages m WHERE ${join(conditions, ' AND ')} LIMIT ${limit}`)
 *
 * `raw` is for the rare trusted piece of SQL text (a sort direction chosen from a fixed set);
 * `empty` is a fragment that adds nothing. Built on sql-template-tag, a small well-kept library; these
 * wrappers only widen its value type to what node-postgres binds (dates, arrays, buffers, bigints).
 */
import sqltag, { empty, join as joinValues, raw, Sql, type RawValue } from 'sql-template-tag';

export { empty, raw, Sql };

export function sql(strings: ReadonlyArray<string>, ...values: unknown[]): Sql {
  return sqltag(strings, ...(values as RawValue[]));
}

/** Values or fragments joined by `separator` (default `, `), each value a bind parameter. */
export function join(values: readonly unknown[], separator?: string): Sql {
  return joinValues(values as RawValue[], separator);
}
