// Steps taken by the shared look-ups a hostile Dockerfile could make super-linear (instructions walked
// for a variable scope, names compared for a "did you mean"). Counting is one addition per step; only
// tests read it, to bound the work of a check at size N and 8N (test/unit/rules/hostile-work.test.ts),
// where a time bound would be loose and flaky on a loaded machine.
export const work = { steps: 0 };
