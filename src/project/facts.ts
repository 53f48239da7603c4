// Facts about the project around a checked file that rules need (I/O-free shape; load.ts reads them).

export interface ProjectFacts {
  /** Python distribution names the project depends on (requirements*.txt, pyproject.toml, Pipfile, lock files), lower-cased. */
  pythonDependencies: string[];
  /** Where those dependencies were read from, for messages. */
  pythonDependencySources: string[];
  /** Package → the file that declares it (for messages naming the exact file). */
  pythonDependencyOrigins: Record<string, string>;
  /** Compose services define a healthcheck for the image built from this Dockerfile (filled once compose is read). */
  composeHealthcheck: boolean;
}

export const NO_FACTS: ProjectFacts = {
  pythonDependencies: [],
  pythonDependencySources: [],
  pythonDependencyOrigins: {},
  composeHealthcheck: false,
};
