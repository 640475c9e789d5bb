import { z } from 'zod';
import { POLICY_TYPES } from '../../domain/policy-type';

/**
 * The JSON seed file format (documented in src/emulator/SEED.md). Structure is checked here; meaning
 * (references, limits, policy content, attachment rules) is checked while the state is built, with the
 * same rules the API enforces.
 */
const tagSchema = z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) }).strict();
const tagsSchema = z.array(tagSchema).optional();
/** Policy references: a policy id (`p-...`) or the policy's name, attached in list order. */
const policyRefs = z.array(z.string().min(1)).optional();

const accountSchema = z
  .object({
    id: z
      .string()
      .regex(/^\d{12}$/, 'an account id is exactly 12 digits')
      .optional(),
    name: z.string().min(1).max(128),
    email: z
      .string()
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address')
      .min(6)
      .max(64),
    management: z.boolean().optional(),
    state: z.enum(['PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED']).optional(),
    joinedMethod: z.enum(['INVITED', 'CREATED']).optional(),
    joinedAt: z.iso.datetime({ offset: true }).optional(),
    tags: tagsSchema,
    policies: policyRefs,
  })
  .strict();

export interface SeedOrganizationalUnit {
  id?: string;
  name: string;
  tags?: z.infer<typeof tagSchema>[];
  policies?: string[];
  organizationalUnits?: SeedOrganizationalUnit[];
  accounts?: SeedAccount[];
}

const ouSchema: z.ZodType<SeedOrganizationalUnit> = z.lazy(() =>
  z
    .object({
      id: z
        .string()
        .regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, 'an OU id looks like ou-<root suffix>-<8 to 32 chars>')
        .optional(),
      name: z.string().min(1).max(128),
      tags: tagsSchema,
      policies: policyRefs,
      organizationalUnits: z.array(ouSchema).optional(),
      accounts: z.array(accountSchema).optional(),
    })
    .strict(),
);

const policySchema = z
  .object({
    id: z
      .string()
      .regex(/^p-[0-9a-zA-Z_]{8,128}$/, 'a policy id looks like p-<8 to 128 letters, digits or _>')
      .optional(),
    name: z.string().min(1).max(128),
    description: z.string().max(512).optional(),
    type: z.enum(POLICY_TYPES),
    /** The policy document: a JSON string as sent to CreatePolicy, or the JSON object itself. */
    content: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    tags: tagsSchema,
  })
  .strict();

export const seedDocumentSchema = z
  .object({
    organization: z
      .object({
        id: z
          .string()
          .regex(/^o-[a-z0-9]{10,32}$/, 'an organization id looks like o-<10 to 32 lowercase letters or digits>')
          .optional(),
        createdAt: z.iso.datetime({ offset: true }).optional(),
        /** The organization's account quota (AWS default 10, adjustable up to 50,000); CreateAccount beyond it fails ACCOUNT_LIMIT_EXCEEDED. */
        maxAccounts: z.number().int().min(1).max(50_000).optional(),
      })
      .strict()
      .optional(),
    root: z
      .object({
        id: z
          .string()
          .regex(/^r-[0-9a-z]{4,32}$/, 'a root id looks like r-<4 to 32 lowercase letters or digits>')
          .optional(),
        name: z.string().min(1).max(128).optional(),
        tags: tagsSchema,
        policies: policyRefs,
      })
      .strict()
      .optional(),
    enabledPolicyTypes: z.array(z.enum(POLICY_TYPES)).optional(),
    policies: z.array(policySchema).optional(),
    organizationalUnits: z.array(ouSchema).optional(),
    accounts: z.array(accountSchema).optional(),
  })
  .strict();

export type SeedAccount = z.infer<typeof accountSchema>;
export type SeedPolicy = z.infer<typeof policySchema>;
export type SeedDocument = z.infer<typeof seedDocumentSchema>;

/** Parses an already-decoded JSON value; throws an Error listing every structural problem. */
export function parseSeedDocument(value: unknown, source = 'seed'): SeedDocument {
  const result = seedDocumentSchema.safeParse(value);
  if (!result.success) throw new Error(`Invalid ${source}:\n${z.prettifyError(result.error)}`);
  return result.data;
}
