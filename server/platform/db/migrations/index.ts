import type { MigrationStep } from '../migrate.ts';
import { foundation } from './0001-foundation.ts';

/** In order of application; never edit one that has shipped: add the next. */
export const migrations: Record<string, MigrationStep> = {
  '0001-foundation': foundation,
};
