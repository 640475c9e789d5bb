import { diffLines } from '../../web/src/components/diff-lines';
import { exportSearch, fieldsFromSearch, graphqlFilter, NO_FILTER, searchFromFields } from '../../web/src/audit/filters';
import { buildTree, indexTree, searchTree, visibleOrder } from '../../web/src/org/tree-model';

/** The console's logic that needs no browser: the tree's search and keyboard order, the line diff, the timeline's filters. */
const ROOT = buildTree({
  id: 'r-1',
  name: 'Root',
  accounts: [{ id: '111111111111', name: 'Management' }],
  organizationalUnits: [
    {
      id: 'ou-1-work',
      name: 'Workloads',
      organizationalUnits: [{ id: 'ou-1-prod', name: 'Production', accounts: [{ id: '444444444444', name: 'Web Prod' }] }],
    },
    { id: 'ou-1-sand', name: 'Sandboxes', accounts: [{ id: '555555555555', name: 'Sandbox A' }] },
  ],
});
const names = (nodes: ReadonlyArray<{ name: string }>) => nodes.map((node) => node.name);

describe('the organization tree', () => {
  it('lists OUs before accounts under each parent, with levels from 1 at the root', () => {
    expect(names(ROOT.children)).toEqual(['Workloads', 'Sandboxes', 'Management']);
    expect(indexTree([ROOT]).get('444444444444')).toMatchObject({ level: 4, parentId: 'ou-1-prod', kind: 'ACCOUNT' });
  });

  it('finds a node by part of its name or id, whatever the case, and shows its ancestors with it', () => {
    const byName = searchTree(indexTree([ROOT]), 'web pr');
    expect([...byName.matches]).toEqual(['444444444444']);
    expect([...byName.shown].sort()).toEqual(['444444444444', 'ou-1-prod', 'ou-1-work', 'r-1']);
    expect([...searchTree(indexTree([ROOT]), '5555').matches]).toEqual(['555555555555']);
    expect(searchTree(indexTree([ROOT]), '  ').shown.size).toBe(0);
  });

  it('walks only the visible nodes with the arrow keys: a collapsed OU hides its children', () => {
    expect(names(visibleOrder([ROOT], new Set(['r-1']), undefined))).toEqual(['Root', 'Workloads', 'Sandboxes', 'Management']);
    expect(names(visibleOrder([ROOT], new Set(['r-1', 'ou-1-work']), undefined))).toEqual(['Root', 'Workloads', 'Production', 'Sandboxes', 'Management']);
    const search = searchTree(indexTree([ROOT]), 'sandbox a');
    expect(names(visibleOrder([ROOT], search.shown, search.shown))).toEqual(['Root', 'Sandboxes', 'Sandbox A']);
  });
});

describe('the line diff', () => {
  it('keeps common lines and puts a removed line before the line that replaces it', () => {
    expect(diffLines(['{', '  "a": 1', '}'], ['{', '  "a": 2', '}'])).toEqual([
      { kind: 'same', text: '{' },
      { kind: 'del', text: '  "a": 1' },
      { kind: 'add', text: '  "a": 2' },
      { kind: 'same', text: '}' },
    ]);
  });

  it('shows everything as added when there was nothing before, and as removed when nothing is left', () => {
    expect(diffLines([], ['x', 'y']).map((line) => line.kind)).toEqual(['add', 'add']);
    expect(diffLines(['x'], []).map((line) => line.kind)).toEqual(['del']);
  });
});

describe("the change history's filters", () => {
  it('keeps the filters in the address and reads them back the same', () => {
    const fields = { ...NO_FILTER, actor: 'apikey:ci', origin: 'OUT_OF_BAND' as const, from: '2026-01-10T00:00:00.000Z' };
    const search = searchFromFields(fields);
    expect(search).toBe('?from=2026-01-10T00%3A00%3A00.000Z&actor=apikey%3Aci&origin=OUT_OF_BAND');
    expect(fieldsFromSearch(new URLSearchParams(search))).toEqual(fields);
  });

  it('drops values GraphQL would refuse (an unknown outcome, a date that does not parse) instead of sending them', () => {
    const fields = fieldsFromSearch(new URLSearchParams('outcome=MAYBE&to=yesterday&operation=attachPolicy'));
    expect(fields.outcome).toBe('');
    expect(graphqlFilter(fields)).toEqual({ operation: 'attachPolicy' });
  });

  it('asks the export route for the same filters as the view', () => {
    const fields = { ...NO_FILTER, policyId: 'p-1', outcome: 'FAILED' as const };
    expect(exportSearch(fields, 'csv')).toBe('format=csv&policyId=p-1&outcome=FAILED');
  });
});
