import type pg from 'pg';

/** What the PostgreSQL engine's files share: writing many rows in one statement, a WHERE clause, reading NULLable columns. */

/** Inserts rows column-wise with unnest (one statement per table, however many rows); returns how many were new. */
export async function insertMany(client: pg.PoolClient, table: string, columns: Array<[name: string, type: string, values: unknown[]]>, conflict: string): Promise<number> {
  if (columns[0][2].length === 0) return 0;
  const names = columns.map(([name]) => name).join(', ');
  const unnest = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
  const result = await client.query(`INSERT INTO ${table} (${names}) SELECT * FROM unnest(${unnest}) ON CONFLICT (${conflict}) DO NOTHING`, columns.map(([, , values]) => values));
  return result.rowCount ?? 0;
}

/** A WHERE clause built with numbered parameters. */
export class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: string): void {
    this.conditions.push(condition);
  }

  stations(column: string, stations: string[] | undefined): void {
    if (stations !== undefined) this.add(`${column} = ANY(${this.param(stations)}::text[])`);
  }

  sql(): string {
    return this.conditions.length === 0 ? '' : `WHERE ${this.conditions.join(' AND ')}`;
  }
}

export function position(row: Record<string, unknown>): { station: string; journal: string; seq: number } {
  return { station: String(row['station']), journal: String(row['journal']), seq: Number(row['seq']) };
}

/** `{ key: text }` when the text column is not NULL, `{}` otherwise (no undefined keys). */
export function optional<K extends string>(key: K, value: unknown): { [P in K]?: string } {
  return (typeof value === 'string' ? { [key]: value } : {}) as { [P in K]?: string };
}

/** `{ key: number }` when the column is not NULL (bigint columns come back as text), `{}` otherwise. */
export function optionalNumber<K extends string>(key: K, value: unknown): { [P in K]?: number } {
  return (value === null || value === undefined ? {} : { [key]: Number(value) }) as { [P in K]?: number };
}
