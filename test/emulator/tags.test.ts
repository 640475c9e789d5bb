import { ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-organizations';
import { expectAwsError, startTestEmulator } from './harness';
import type { TestEmulator } from './harness';

describe('tags', () => {
  let t: TestEmulator;
  beforeEach(async () => {
    t = await startTestEmulator({ seed: 'demo' });
  });
  afterEach(() => t.close());

  const list = async (ResourceId: string) => (await t.client.send(new ListTagsForResourceCommand({ ResourceId }))).Tags;

  it('tags, retags and untags roots, OUs, accounts and policies', async () => {
    for (const id of ['r-demo', 'ou-demo-security', '222222222222', 'p-aioptoutall']) {
      await t.client.send(
        new TagResourceCommand({
          ResourceId: id,
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'b', Value: '' },
          ],
        }),
      );
      await t.client.send(new TagResourceCommand({ ResourceId: id, Tags: [{ Key: 'a', Value: '2' }] }));
      await t.client.send(new UntagResourceCommand({ ResourceId: id, TagKeys: ['b'] }));
      expect(await list(id)).toContainEqual({ Key: 'a', Value: '2' });
      expect(await list(id)).not.toContainEqual(expect.objectContaining({ Key: 'b' }));
    }
  });

  it('refuses unknown resources, duplicate keys, aws: keys and a 51st tag', async () => {
    await expectAwsError(t.client.send(new ListTagsForResourceCommand({ ResourceId: '000000000000' })), 'TargetNotFoundException');
    await expectAwsError(
      t.client.send(
        new TagResourceCommand({
          ResourceId: 'r-demo',
          Tags: [
            { Key: 'x', Value: '1' },
            { Key: 'x', Value: '2' },
          ],
        }),
      ),
      'InvalidInputException',
      'DUPLICATE_TAG_KEY',
    );
    await expectAwsError(
      t.client.send(new TagResourceCommand({ ResourceId: 'r-demo', Tags: [{ Key: 'aws:owner', Value: '1' }] })),
      'InvalidInputException',
      'INVALID_SYSTEM_TAGS_PARAMETER',
    );
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expectAwsError(
      t.client.send(new TagResourceCommand({ ResourceId: 'ou-demo-security', Tags: [...many, { Key: 'one-more', Value: 'v' }] })),
      'ConstraintViolationException',
      'MAX_TAG_LIMIT_EXCEEDED',
    );
    expect(await list('ou-demo-security')).toEqual([]);
  });
});
