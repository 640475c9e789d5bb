import type { ManagementGrammar } from './management-schema';
import { fields, named, oneOf, stringList, underTopLevelKey } from './grammar-builders';

/**
 * Chat applications (chatbot) policy syntax, AWS Organizations user guide "Chat applications policy
 * syntax and examples": https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_chatbot_syntax.html
 * `chatbot` → `platforms` → `slack` | `microsoft_teams` | `chime`, plus `chatbot.default.client` for
 * every other chat client. Slack: `client`, `workspaces` (up to 255), `default` and `overrides` (up to
 * 255 workspace ids) of channel types and role settings. Teams: `client`, `tenants` (up to 36 tenant
 * ids, each a list of team ids), `default` and `overrides` (tenant → team) of role settings.
 * The documented value sets are hard errors; a key the page does not name is a WARNING.
 */
const client = oneOf('client', ['enabled', 'disabled']);
const channelTypes = stringList('supported_channel_types', (v, p, r) => {
  if (v !== 'public' && v !== 'private') r('ERROR', 'INVALID_VALUE', p, `A Slack channel type is "public" or "private", got ${JSON.stringify(v)}.`);
});
const roleSettings = stringList('supported_role_settings', (v, p, r) => {
  if (v !== 'user_role' && v !== 'channel_role') r('ERROR', 'INVALID_VALUE', p, `A role setting is "user_role" or "channel_role", got ${JSON.stringify(v)}.`);
});

const slackSettings = fields({ supported_channel_types: channelTypes, supported_role_settings: roleSettings });
const teamsSettings = fields({ supported_role_settings: roleSettings });

const slack = fields({
  client,
  workspaces: stringList('workspaces', undefined, 255),
  default: slackSettings,
  overrides: named(slackSettings, undefined, 255),
});

const microsoftTeams = fields({
  client,
  tenants: named(stringList('the team ids of a tenant'), undefined, 36),
  default: teamsSettings,
  overrides: named(named(teamsSettings), undefined, 36),
});

export const CHATBOT_POLICY_GRAMMAR: ManagementGrammar = underTopLevelKey(
  'chatbot',
  fields({
    platforms: fields({ slack, microsoft_teams: microsoftTeams, chime: fields({ client }) }),
    default: fields({ client }),
  }),
);
