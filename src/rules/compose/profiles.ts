// Compose profiles: which services can be running at the same time.

import type { LMap } from '../../parse/compose/index.js';
import { get, items, str } from '../../parse/compose/values.js';

/** The service's `profiles:` names; empty when it has none (then it always starts). */
export function profilesOf(service: LMap | null): string[] {
  return items(get(service, 'profiles'))
    .map((v) => str(v))
    .filter((p): p is string => !!p);
}

/**
 * Whether two services can be up together: a service without profiles always starts, so it meets
 * every other one; two services that both have profiles meet only through a profile they share.
 * Profiles that share nothing are alternatives (`--profile default` or `--profile app`), and
 * projects use them so to give the same port or container name to each alternative.
 */
export function canRunTogether(a: LMap | null, b: LMap | null): boolean {
  const pa = profilesOf(a);
  const pb = profilesOf(b);
  if (pa.length === 0 || pb.length === 0) return true;
  return pa.some((p) => pb.includes(p));
}
