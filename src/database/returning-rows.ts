/**
 * TypeORM's postgres driver answers UPDATE and DELETE with `[rows, rowCount]` but INSERT and SELECT
 * with `rows`: this gives the rows of a `... RETURNING` statement whichever it was.
 */
export function returningRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
