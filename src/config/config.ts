// The resolved configuration every command reads, with its defaults in one place.

import type { RuleLevel } from '../engine/effective-rules.js';
import type { RuleSettings } from '../rules/types.js';
import type { ReleaseSection } from '../release/schema.js';
import type { Severity } from '../types.js';

export type Threshold = Severity | 'none';

export interface Config {
  /** The file it came from, or null for defaults. */
  source: string | null;
  failureThreshold: Threshold;
  rules: Record<string, RuleLevel>;
  settings: RuleSettings;
  ignore: string[];
  /** The shellcheck program (`shellcheck:` in .slipway.yaml): a path, false to skip ShellCheck, absent for PATH. */
  shellcheck?: string | false;
  /** The `deploy:` section as written (schema-checked); src/deploy/config.ts resolves it with flags. */
  deploy?: Record<string, unknown>;
  /** The `release:` section (schema-checked, image validated); src/release/settings.ts merges it with flags. */
  release?: ReleaseSection;
}

export const DEFAULT_CONFIG: Config = {
  source: null,
  failureThreshold: 'info',
  rules: {},
  settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false },
  ignore: [],
};
