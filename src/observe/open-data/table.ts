import type { CellValue, FieldType } from './csv.js';
import { formatCell } from './csv.js';

/** One column of an open-data file: its Table Schema field and where its value comes from. */
export interface Column<Row> {
  name: string;
  type: FieldType;
  /** In plain words, with the unit where there is one. */
  description: string;
  /** Always present: only where the tool itself guarantees a value, so a station's odd message never makes a file invalid. */
  required?: boolean;
  /** The only values the field takes (the tool's own vocabularies, never a station's). */
  enum?: readonly string[];
  value: (row: Row) => CellValue;
}

/** One file of the open data: a CSV under data/ and its resource in datapackage.json. */
export interface Table<Row> {
  /** The resource name and the file's stem (`plan-outcomes` → data/plan-outcomes.csv). */
  name: string;
  title: string;
  description: string;
  /** Fields that identify a row; each is required (Table Schema: primary key fields are never null). */
  primaryKey?: readonly string[];
  columns: ReadonlyArray<Column<Row>>;
}

/** A row's cells, formatted for the file. */
export function cellsOf<Row>(table: Table<Row>, row: Row): string[] {
  return table.columns.map((column) => formatCell(column.type, column.value(row)));
}

/** The Table Schema of a file (fields, primary key, missing values). */
export function tableSchema<Row>(table: Table<Row>): Record<string, unknown> {
  return {
    fields: table.columns.map((column) => {
      const constraints = {
        ...(column.required || table.primaryKey?.includes(column.name) ? { required: true } : {}),
        ...(column.enum ? { enum: [...column.enum] } : {}),
      };
      return {
        name: column.name,
        type: column.type,
        format: 'default',
        description: column.description,
        ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
      };
    }),
    ...(table.primaryKey ? { primaryKey: [...table.primaryKey] } : {}),
    missingValues: [''],
  };
}
