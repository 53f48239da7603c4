// Generated stage graphs for the differential tests of the walks over earlier instructions (someBefore,
// scopeBefore, earlierRunSays): up to 7 stages, each FROM naming a base image, a stage by name or by index
// (earlier, its own, or one not yet defined), then a few lines from the test's own pool.

/** The stages' lines: `bodyLine` gives each line after a FROM (up to `maxBody` - 1 of them). */
export function stageGraph(next: () => number, bases: string[], maxBody: number, bodyLine: () => string): string[] {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
  const lines: string[] = [];
  const stages = Math.floor(next() * 8); // 0: a snippet without FROM
  for (let s = 0; s < stages; s++) {
    lines.push(`FROM ${pick([...bases, `s${Math.floor(next() * stages)}`, String(Math.floor(next() * stages)), `s${Math.max(0, s - 1)}`, `s${s}`])} AS s${s}`);
    for (let k = Math.floor(next() * maxBody); k > 0; k--) lines.push(bodyLine());
  }
  return lines;
}
