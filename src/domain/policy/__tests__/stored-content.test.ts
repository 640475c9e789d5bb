import { aiServicesOf, previewPolicyChanges, requiredAcknowledgements, storedContentDeletions, type OrgSnapshot } from '../index';

const AI = 'AISERVICES_OPT_OUT_POLICY';
const opt = (service: string, value: 'optIn' | 'optOut') => JSON.stringify({ services: { [service]: { opt_out_policy: { '@@assign': value } } } });

/** A root with two accounts and no policy attached anywhere: every service is opted in by AWS's default. */
function bareOrg(): OrgSnapshot {
  return {
    nodes: [
      { id: 'r-root', kind: 'ROOT', name: 'Root', parentId: null },
      { id: 'ou-ml', kind: 'ORGANIZATIONAL_UNIT', name: 'ML', parentId: 'r-root' },
      { id: '111111111111', kind: 'ACCOUNT', name: 'Management', parentId: 'r-root' },
      { id: '222222222222', kind: 'ACCOUNT', name: 'ML Research', parentId: 'ou-ml' },
    ],
    policies: [
      { id: 'p-all-out', name: 'OptOutAll', type: AI, content: opt('default', 'optOut') },
      { id: 'p-lex-in', name: 'LexIn', type: AI, content: opt('lex', 'optIn') },
      { id: 'p-tags', name: 'Tags', type: 'TAG_POLICY', content: JSON.stringify({ tags: { team: { tag_key: { '@@assign': 'Team' } } } }) },
    ],
    attachments: [],
  };
}

describe('what a previewed AI opt-out change does to stored content', () => {
  it('marks every account without a policy as losing the stored content of every service when opt-out-of-everything lands on the root', () => {
    const result = previewPolicyChanges(AI, bareOrg(), [{ kind: 'ATTACH', policyId: 'p-all-out', targetId: 'r-root' }]);
    expect(result.impacts.map((i) => i.accountId)).toEqual(['111111111111', '222222222222']);
    for (const impact of result.impacts) expect(impact.deletedContentServices).toEqual(aiServicesOf([null]));
    expect(storedContentDeletions(result.impacts)).toEqual([
      { accountId: '111111111111', accountName: 'Management', services: aiServicesOf([null]) },
      { accountId: '222222222222', accountName: 'ML Research', services: aiServicesOf([null]) },
    ]);
    expect(requiredAcknowledgements(result.impacts)).toEqual(['STORED_CONTENT_DELETION']);
  });

  it('counts removing an opt-in that overrode an opt-out as a deletion of that service only', () => {
    const org = bareOrg();
    org.attachments = [
      { targetId: 'r-root', policyIds: ['p-all-out'] },
      { targetId: 'ou-ml', policyIds: ['p-lex-in'] },
    ];
    const result = previewPolicyChanges(AI, org, [{ kind: 'DETACH', policyId: 'p-lex-in', targetId: 'ou-ml' }]);
    expect(storedContentDeletions(result.impacts)).toEqual([{ accountId: '222222222222', accountName: 'ML Research', services: ['lex'] }]);
    expect(result.impacts[0]?.resumesContentUse).toEqual([]);
  });

  it('reports opting back in as resumed content use, needing no acknowledgement', () => {
    const org = bareOrg();
    org.attachments = [{ targetId: 'r-root', policyIds: ['p-all-out'] }];
    const result = previewPolicyChanges(AI, org, [{ kind: 'ATTACH', policyId: 'p-lex-in', targetId: 'ou-ml' }]);
    expect(result.impacts).toEqual([expect.objectContaining({ accountId: '222222222222', deletedContentServices: [], resumesContentUse: ['lex'] })]);
    expect(requiredAcknowledgements(result.impacts)).toEqual([]);
  });

  it('counts an account moved below an opt-out as a deletion', () => {
    const org = bareOrg();
    org.attachments = [{ targetId: 'ou-ml', policyIds: ['p-all-out'] }];
    const result = previewPolicyChanges(AI, org, [{ kind: 'MOVE_ACCOUNT', accountId: '111111111111', destinationParentId: 'ou-ml' }]);
    expect(storedContentDeletions(result.impacts).map((d) => d.accountId)).toEqual(['111111111111']);
  });

  it('says nothing about stored content for other policy types', () => {
    const result = previewPolicyChanges('TAG_POLICY', bareOrg(), [{ kind: 'ATTACH', policyId: 'p-tags', targetId: 'r-root' }]);
    expect(result.impacts).toHaveLength(2);
    expect(result.impacts.every((i) => i.deletedContentServices.length === 0 && i.resumesContentUse.length === 0)).toBe(true);
    expect(requiredAcknowledgements(result.impacts)).toEqual([]);
  });
});
