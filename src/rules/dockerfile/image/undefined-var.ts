import type { DockerfileRule } from '../../types.js';
import type { Dockerfile, Instruction, Stage } from '../../../parse/dockerfile/model.js';
import { PREDEFINED_ARGS, scopeBefore, type ScopeView } from '../../../parse/dockerfile/variables.js';
import { rootStage } from '../root-stage.js';
import { argsBeforeHeredoc, didYouMean, suggest, suggestionBudget, varRefs, type VarRef } from './util.js';

/** Instructions whose arguments the builder expands ($VAR in RUN/CMD is the shell's business). */
const EXPANDED = new Set(['ENV', 'ARG', 'WORKDIR', 'COPY', 'ADD', 'USER', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'VOLUME']);

/** Operators that make an unset variable harmless: `${X:-default}`, `${X+alt}`. */
const GUARDED = new Set([':-', '-', ':+', '+']);

/** Environment variables base images commonly set (slipway cannot see the image's config). */
const IMAGE_ENV = new Set([
  'PATH', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TERM', 'SHELL', 'USER',
  'GOPATH', 'GOROOT', 'GOTOOLCHAIN', 'GPG_KEY', 'PYTHONPATH', 'PYTHONUNBUFFERED', 'PYTHONDONTWRITEBYTECODE',
  'NODE_ENV', 'NVM_DIR', 'CARGO_HOME', 'RUSTUP_HOME', 'JAVA_HOME', 'CATALINA_HOME', 'MAVEN_HOME', 'GRADLE_HOME',
  'PHP_INI_DIR', 'GEM_HOME', 'BUNDLE_PATH', 'BUNDLE_APP_CONFIG', 'CONDA_DIR', 'VIRTUAL_ENV', 'DEBIAN_FRONTEND',
  'PGDATA', 'NGINX_VERSION', 'HTTPD_PREFIX', 'APP_ROOT', 'HOME_DIR', 'ORACLE_HOME', 'DOTNET_ROOT',
]);
const IMAGE_ENV_SUFFIX = /^[A-Z][A-Z0-9_]*_(VERSION|HOME|PATH|DIR|ROOT|PREFIX|OPTS|SHA256|SHA512|KEY)$/;

export const mayComeFromImage = (name: string): boolean => IMAGE_ENV.has(name) || IMAGE_ENV_SUFFIX.test(name);

/**
 * What image families document in their ENV for images built on them: Jupyter's docker-stacks end
 * with `USER ${NB_UID}`, .NET's templates with `USER $APP_UID`, CUDA images carry the NVIDIA settings.
 */
const FAMILY_ENV: [RegExp, Set<string>][] = [
  [/(^|\/)jupyter\/[\w.-]+-notebook$|^quay\.io\/jupyter\//, new Set(['NB_USER', 'NB_UID', 'NB_GID', 'CONDA_DIR', 'JUPYTER_PORT', 'HOME', 'XDG_CACHE_HOME', 'JULIA_DEPOT_PATH', 'JULIA_PKGDIR'])],
  [/^mcr\.microsoft\.com\/dotnet\//, new Set(['APP_UID', 'ASPNETCORE_HTTP_PORTS', 'ASPNETCORE_URLS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_VERSION', 'ASPNET_VERSION'])],
  [/(^|\/)nvidia\/cuda$|^nvcr\.io\/nvidia\//, new Set(['CUDA_VERSION', 'NVIDIA_VISIBLE_DEVICES', 'NVIDIA_DRIVER_CAPABILITIES', 'NVIDIA_REQUIRE_CUDA', 'LD_LIBRARY_PATH', 'LIBRARY_PATH'])],
];

/** The external image a stage's chain starts FROM (`quay.io/jupyter/base-notebook`), or '' for scratch. */
function rootImage(stage: Stage): string {
  const { image } = rootStage(stage);
  return image.isScratch ? '' : image.registry ? `${image.registry}/${image.name}` : image.name;
}

function familySets(stage: Stage, name: string): boolean {
  const image = rootImage(stage);
  return FAMILY_ENV.some(([family, names]) => family.test(image) && names.has(name));
}

/** Whether every variable of the stage is known here: its chain of stages starts FROM scratch. */
function closedWorld(stage: Stage): boolean {
  return rootStage(stage).image.isScratch;
}

/**
 * The stage's chain starts FROM an image named by a build argument (`FROM $BASE_IMAGE`): the base,
 * and so its ENV, is chosen at build time (image families such as the Jupyter stacks build on
 * `NB_UID` set by their parent image).
 */
function baseChosenAtBuild(stage: Stage): boolean {
  return rootStage(stage).image.raw.includes('$');
}

/** The expanded text of an instruction, as pieces with their offsets. */
function expandedTexts(df: Dockerfile, inst: Instruction): { text: string; start: number; defines?: string }[] {
  if (inst.keyword === 'ENV' || inst.keyword === 'ARG') {
    return inst.properties.flatMap((p) => {
      if (p.value === null) return [];
      const raw = df.text.slice(p.start, p.end);
      const at = p.legacy ? p.name.length : raw.indexOf('=') + 1;
      if (at <= 0 || raw.slice(0, p.name.length) !== p.name) return [];
      return [{ text: raw.slice(at), start: p.start + at, defines: p.name }];
    });
  }
  const out = [argsBeforeHeredoc(df, inst)];
  if (inst.keyword === 'COPY' || inst.keyword === 'ADD') {
    for (const f of inst.flags) out.push({ text: df.text.slice(f.start, f.end), start: f.start });
  }
  return out;
}

export const undefinedVar: DockerfileRule = {
  meta: {
    id: 'undefined-var',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['UndefinedVar'],
    title: 'Variables must be defined (ARG or ENV) before they are used',
    description:
      'Docker expands `$VAR` in ENV, ARG, WORKDIR, COPY, ADD, USER, EXPOSE, LABEL, STOPSIGNAL and VOLUME itself, and an undefined variable silently becomes an empty string (`COPY app-$VERSION.jar` copies `app-.jar`). Global ARGs declared before FROM are not visible in a stage until redeclared with `ARG NAME`.',
    bad: 'ARG VERSION=1.4.2\nFROM eclipse-temurin:21-jre\nCOPY build/app-$VERSION.jar /app/app.jar\n',
    good: 'ARG VERSION=1.4.2\nFROM eclipse-temurin:21-jre\nARG VERSION\nCOPY build/app-$VERSION.jar /app/app.jar\n',
    fixable: false,
    differs:
      "RUN, CMD and ENTRYPOINT are not checked (the shell may define the variable). BuildKit reads the base image's ENV; slipway cannot, so on a base image other than `scratch` it assumes names like `PATH`, `LANG` or `*_VERSION`/`*_HOME` may come from the image, and the names a known image family documents (Jupyter docker-stacks `NB_UID`/`NB_USER`, .NET `APP_UID`, CUDA's `NVIDIA_*`) come from images of that family, and in a stage built on an image named by a build argument (`FROM $BASE_IMAGE`) it reports nothing: that image, and its ENV, is chosen at build time. `${X:-default}` and `${X:+alt}` are not reported; a reference to a variable set in the same ENV is left to env-self-reference. A file with thousands of undefined names among thousands of defined ones gets \"did you mean\" hints until 200,000 names have been compared.",
  },
  check({ df, report }) {
    const globals = globalArgNames(df);
    const budget = suggestionBudget();
    for (const inst of df.instructions) {
      if (!EXPANDED.has(inst.keyword)) continue;
      // Most instructions name no variable: no scope to build for them.
      const pieces = expandedTexts(df, inst);
      if (!pieces.some((p) => p.text.includes('$'))) continue;
      const stage = inst.stage;
      // What is defined here: a view (no copy of every name per instruction), and the earlier pairs of this ARG.
      const scope: ScopeView = stage ? scopeBefore(df, inst) : globals.before(inst);
      const sameArg = new Set<string>();
      const defined = (name: string) => scope.has(name) || sameArg.has(name);
      const closed = stage ? closedWorld(stage) : true;
      if (stage && baseChosenAtBuild(stage)) continue;
      const envNames = new Set(inst.keyword === 'ENV' ? inst.properties.map((p) => p.name) : []);
      const reported = new Set<string>();
      for (const piece of pieces) {
        const refs: VarRef[] = varRefs(piece.text, piece.start, df.escapeChar);
        // Another pair of the same ENV: env-self-reference reports it.
        // (A set per pair would make an ENV of 20,000 pairs quadratic.)
        const sameInstruction = (n: string) => envNames.has(n) && n !== piece.defines;
        for (const ref of refs) {
          const name = ref.name;
          if (GUARDED.has(ref.op)) continue;
          if (defined(name) || PREDEFINED_ARGS.has(name) || sameInstruction(name)) continue;
          if (!closed && (mayComeFromImage(name) || (stage && familySets(stage, name)))) continue;
          if (reported.has(`${name}@${ref.start}`)) continue;
          reported.add(`${name}@${ref.start}`);
          const global = stage && globals.names.has(name);
          report({
            start: ref.start,
            end: ref.end,
            message: global
              ? `Usage of undefined variable '$${name}': the global ARG ${name} is not visible after FROM; add 'ARG ${name}' in this stage`
              : `Usage of undefined variable '$${name}'${didYouMean(suggest(name, candidates(scope, sameArg), budget), '$')}: declare it with ARG or ENV first`,
          });
        }
        // ARG A=1 B=$A: later pairs of the same ARG see earlier ones.
        if (inst.keyword === 'ARG' && piece.defines) sameArg.add(piece.defines);
      }
    }
  },
};

/** The names a typo may have meant, in the order they were defined, then PATH. */
function* candidates(scope: ScopeView, sameArg: Set<string>): Generator<string> {
  yield* scope.keys();
  for (const name of sameArg) if (!scope.has(name)) yield name;
  yield 'PATH';
}

/**
 * The global ARGs (before the first FROM): every name, and the names declared before an instruction
 * as a view (first declarations in order), found once per file rather than once per instruction.
 */
function globalArgNames(df: Dockerfile): { names: Set<string>; before: (inst: Instruction) => ScopeView } {
  const first: { name: string; index: number }[] = [];
  const firstIndex = new Map<string, number>();
  for (const g of df.globalArgs) {
    for (const p of g.properties) {
      if (firstIndex.has(p.name)) continue;
      firstIndex.set(p.name, g.index);
      first.push({ name: p.name, index: g.index });
    }
  }
  const names = new Set(firstIndex.keys());
  const before = (inst: Instruction): ScopeView => ({
    get: () => undefined,
    has: (name) => (firstIndex.get(name) ?? Infinity) < inst.index,
    *keys() {
      for (const f of first) {
        if (f.index >= inst.index) break;
        yield f.name;
      }
    },
  });
  return { names, before };
}
