// A rule that throws is a bug in slipway: exit 2 with the rule and file named, never a finding.

export class RuleCrash extends Error {
  override name = 'RuleCrash';
  constructor(readonly ruleId: string, readonly file: string, readonly cause: unknown) {
    super(`internal error in rule ${ruleId} on ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
