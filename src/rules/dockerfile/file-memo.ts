// What several rules derive from one Dockerfile (every RUN's commands, the package-manager calls, the
// environment settings, a stage's installed packages) is derived once while that file's rules run:
// runRules opens the scope, and what was kept is dropped with it, so nothing holds the RUN shells the
// engine drops after the rules. Outside a scope (a project rule, a test) it is derived each time.
// Kept values are shared by the rules: read them, never change them.

let scope: Map<object, Map<string, unknown>> | null = null;

/** Runs `rules(...args)` with a fresh memo; the memo ends with it. Arguments, not a closure: see runRules. */
export function withFileMemo<A extends unknown[], T>(rules: (...args: A) => T, ...args: A): T {
  const outer = scope;
  scope = new Map();
  try {
    return rules(...args);
  } finally {
    scope = outer;
  }
}

/** What `fileMemo(of, name, …)` has kept in this scope, or undefined (outside a scope: nothing is kept). */
export function kept<T>(of: object, name: string): T | undefined {
  return scope?.get(of)?.get(name) as T | undefined;
}

/** `derive()`, kept per object (the Dockerfile, a stage) and name for the rest of the scope. */
export function fileMemo<T>(of: object, name: string, derive: () => T): T {
  if (!scope) return derive();
  let byName = scope.get(of);
  if (!byName) scope.set(of, (byName = new Map()));
  if (byName.has(name)) return byName.get(name) as T;
  const value = derive();
  byName.set(name, value);
  return value;
}
