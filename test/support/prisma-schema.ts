import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Just enough of schema.prisma to check it against the database the migrations build. */
export interface PrismaField {
  readonly name: string;
  readonly column: string;
  readonly type: string;
  readonly optional: boolean;
  readonly nativeType: string | undefined;
}

export interface PrismaModel {
  readonly name: string;
  readonly table: string;
  readonly fields: PrismaField[];
}

export interface PrismaSchema {
  readonly models: PrismaModel[];
  readonly enums: Map<string, string[]>;
}

export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'prisma', 'schema.prisma');

export function parsePrismaSchema(source = readFileSync(SCHEMA_FILE, 'utf8')): PrismaSchema {
  const text = source.replace(/\/\/.*$/gm, '');
  const enums = new Map<string, string[]>();
  for (const [, name, body] of text.matchAll(/^enum\s+(\w+)\s*\{([^}]*)\}/gm)) {
    enums.set(
      name as string,
      (body as string).split(/\s+/).filter((v) => /^\w+$/.test(v)),
    );
  }
  const blocks = [...text.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)];
  const modelNames = new Set(blocks.map(([, name]) => name as string));
  const models = blocks.map(([, name, body]) => {
    const lines = (body as string)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const tableMap = lines.find((l) => l.startsWith('@@map('))?.match(/@@map\("([^"]+)"\)/)?.[1];
    const fields: PrismaField[] = [];
    for (const line of lines) {
      const m = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/);
      if (!m || line.startsWith('@@')) continue;
      const [, fieldName, type, list, optional, attrs] = m as unknown as [string, string, string, string | undefined, string | undefined, string];
      if (list || modelNames.has(type)) continue; // relation fields have no column of their own
      fields.push({
        name: fieldName,
        column: attrs.match(/@map\("([^"]+)"\)/)?.[1] ?? fieldName,
        type,
        optional: optional === '?',
        nativeType: attrs.match(/@db\.(\w+)/)?.[1],
      });
    }
    return { name: name as string, table: tableMap ?? (name as string), fields };
  });
  return { models, enums };
}
