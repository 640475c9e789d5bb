// Read by the Prisma CLI only (generate/validate/format). orgql itself never reads this file:
// the running gateway gets its database from src/server/config.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/orgql' },
});
