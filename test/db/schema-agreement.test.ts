import { openDatabase, type Database } from '../../src/database/database';
import { migrateDatabase } from '../../src/database/migrate';
import { parsePrismaSchema, type PrismaField } from '../support/prisma-schema';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface Column extends Record<string, unknown> {
  table_name: string;
  column_name: string;
  is_nullable: 'YES' | 'NO';
  data_type: string;
  udt_name: string;
}

/** Which PostgreSQL column types can hold each Prisma scalar (and @db native type). */
function compatible(field: PrismaField, column: Column, enums: Map<string, string[]>): boolean {
  if (enums.has(field.type)) return column.data_type === 'USER-DEFINED' && column.udt_name === field.type;
  if (field.nativeType) {
    const native: Record<string, string> = {
      Uuid: 'uuid',
      Timestamptz: 'timestamptz',
      Timestamp: 'timestamp',
      Text: 'text',
      VarChar: 'varchar',
      Inet: 'inet',
      Char: 'bpchar',
      SmallInt: 'int2',
    };
    return column.udt_name === native[field.nativeType];
  }
  const defaults: Record<string, string[]> = {
    String: ['text'],
    Int: ['int4'],
    BigInt: ['int8'],
    Boolean: ['bool'],
    DateTime: ['timestamp'],
    Json: ['jsonb'],
    Float: ['float8'],
    Decimal: ['numeric'],
    Bytes: ['bytea'],
  };
  return (defaults[field.type] ?? []).includes(column.udt_name);
}

describe('schema.prisma and the migrations', () => {
  let testDb: TestDatabase;
  let db: Database;
  let columns: Column[];
  const schema = parsePrismaSchema();

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase(testDb.target);
    await migrateDatabase(db);
    columns = await db.prisma.$queryRawUnsafe<Column[]>(
      "SELECT table_name, column_name, is_nullable, data_type, udt_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('defines at least one model, so the checks below check something', () => {
    expect(schema.models.length).toBeGreaterThan(0);
  });

  it('gives every model field a column of a compatible type and the same nullability', () => {
    const problems: string[] = [];
    for (const model of schema.models) {
      for (const field of model.fields) {
        const column = columns.find((c) => c.table_name === model.table && c.column_name === field.column);
        if (!column) problems.push(`${model.name}.${field.name}: no column ${model.table}.${field.column}`);
        else if (!compatible(field, column, schema.enums)) problems.push(`${model.name}.${field.name}: ${field.type} does not fit ${column.udt_name}`);
        else if ((column.is_nullable === 'YES') !== field.optional) problems.push(`${model.name}.${field.name}: nullability differs`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('maps every column of every model table to a field', () => {
    const problems: string[] = [];
    for (const model of schema.models) {
      for (const column of columns.filter((c) => c.table_name === model.table)) {
        if (!model.fields.some((f) => f.column === column.column_name)) problems.push(`${model.table}.${column.column_name} has no field in ${model.name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has every table the migrations create described by a model', () => {
    const tables = new Set(columns.map((c) => c.table_name));
    const modelled = new Set(schema.models.map((m) => m.table));
    expect([...tables].filter((t) => !modelled.has(t))).toEqual([]);
  });

  it('declares every enum with the same values as the database', async () => {
    const rows = await db.prisma.$queryRawUnsafe<Array<{ typname: string; labels: string[] }>>(
      'SELECT t.typname::text AS typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname',
    );
    const inDatabase = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    expect(inDatabase).toEqual(Object.fromEntries(schema.enums));
  });
});
