import { problems } from './problems';

const assign = (value: unknown) => ({ '@@assign': value });

describe('validatePolicy for chat applications policies (orgs_manage_policies_chatbot_syntax)', () => {
  const documented = {
    chatbot: {
      platforms: {
        slack: {
          client: assign('enabled'),
          workspaces: assign(['Slack-Workspace-Id']),
          default: { supported_channel_types: assign(['private']), supported_role_settings: assign(['user_role']) },
          overrides: { 'Slack-Workspace-Id': { supported_channel_types: assign(['public']), supported_role_settings: assign(['user_role']) } },
        },
        microsoft_teams: {
          client: assign('enabled'),
          tenants: { 'Microsoft-Teams-Tenant-Id': assign(['Microsoft-Teams-Team-Id']) },
          default: { supported_role_settings: assign(['user_role']) },
          overrides: { 'Microsoft-Teams-Tenant-Id': { 'Microsoft-Teams-Team-Id': { supported_role_settings: assign(['user_role']) } } },
        },
        chime: { client: assign('disabled') },
      },
      default: { client: assign('disabled') },
    },
  };
  const slack = (settings: unknown) => ({ chatbot: { platforms: { slack: settings } } });

  it.each<[string, unknown, string[]]>([
    ['accepts the documented basic syntax for Slack, Teams and Chime', documented, []],
    [
      'rejects a client value other than enabled or disabled',
      slack({ client: assign('on') }),
      ['ERROR INVALID_VALUE $.chatbot.platforms.slack.client.@@assign'],
    ],
    ['rejects a capitalised client value', slack({ client: assign('Enabled') }), ['ERROR INVALID_VALUE $.chatbot.platforms.slack.client.@@assign']],
    [
      'rejects an unknown channel type',
      slack({ default: { supported_channel_types: assign(['shared']) } }),
      ['ERROR INVALID_VALUE $.chatbot.platforms.slack.default.supported_channel_types.@@assign[0]'],
    ],
    [
      'rejects a role setting given as a string',
      slack({ default: { supported_role_settings: assign('user_role') } }),
      ['ERROR INVALID_VALUE $.chatbot.platforms.slack.default.supported_role_settings.@@assign'],
    ],
    [
      'rejects more than 255 Slack workspaces',
      slack({ workspaces: assign(Array.from({ length: 256 }, (_, i) => `T${i}`)) }),
      ['ERROR INVALID_VALUE $.chatbot.platforms.slack.workspaces.@@assign'],
    ],
    [
      'warns about a platform the page does not name',
      { chatbot: { platforms: { discord: { client: assign('enabled') } } } },
      ['WARNING UNKNOWN_KEY $.chatbot.platforms.discord'],
    ],
    ['requires the chatbot top-level key', { platforms: {} }, ['ERROR UNKNOWN_KEY $.platforms', 'ERROR MISSING_KEY $.chatbot']],
  ])('%s', (_title, doc, expected) => {
    expect(problems('CHATBOT_POLICY', doc)).toEqual(expected);
  });
});
