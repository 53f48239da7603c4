import type { Dockerfile } from '../../../parse/dockerfile/model.js';
import type { DockerfileRule } from '../../types.js';
import { fromRefs, looksLikeImage } from './copy-from.js';
import { didYouMean, stageNamed, stagesNamed, suggest, suggestionBudget } from './util.js';
import { bakeMayNameContext } from '../../../project/bake-files.js';

export const copyFromUnknownStage: DockerfileRule = {
  meta: {
    id: 'copy-from-unknown-stage',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['DL3022'],
    title: 'COPY --from should name a stage defined earlier',
    description:
      "A `--from` that names no earlier stage is taken as an image name: a typo in a stage name silently pulls `docker.io/library/<typo>:latest` (or fails). Name a stage defined above, or an image with a tag.",
    bad: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=biuld /app /app\n',
    good: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
    fixable: false,
    differs:
      'Image references (`nginx:1.27`, `ghcr.io/org/tool`, `x@sha256:…`) are not reported (hadolint reports them); a stage index must refer to an earlier stage; `--from` values with unresolved variables are skipped; RUN `--mount=from=` is checked too. A name the compose service gives as `build.additional_contexts` is not reported; one a nearby `docker-bake.hcl`/`.json` seems to list under `contexts` is info (slipway reads no HCL; it looks for the name as a key after `contexts`). Any other bare name could be a `--build-context`: add a `# slipway ignore` with the reason.',
  },
  check({ df, project, report }) {
    const named = new Set(project.composeUses.flatMap((u) => u.namedContexts ?? []));
    const budget = suggestionBudget();
    for (const ref of fromRefs(df)) {
      const { value } = ref;
      // Before the first FROM there is no stage: nothing is defined earlier (index -1).
      const stage = ref.stage ?? { index: -1, name: null };
      if (looksLikeImage(value)) continue;
      if (stageNamed(df, value, stage.index) || (stage.name && stage.name.toLowerCase() === value.toLowerCase())) continue;
      if (/^[0-9]+$/.test(value)) {
        if (Number(value) === stage.index) continue; // copy-from-own-stage
        report({
          start: ref.start,
          end: ref.end,
          message: `--from=${value}: there is no stage ${value} before this one (stages are numbered from 0; ${stage.index < 0 ? 'this instruction comes before the first FROM' : `this is stage ${stage.index}`})`,
        });
        continue;
      }
      // A named context the compose service gives the build (build.additional_contexts).
      if (named.has(value)) continue;
      const later = stagesNamed(df, value).find((s) => s.index > stage.index);
      // A bake file near it may give the name as a named context: slipway reads no HCL, so say so at info.
      const bake = later ? undefined : project.bakeFiles.find((b) => bakeMayNameContext(b.text, value));
      if (bake) {
        report({ start: ref.start, end: ref.end, cap: 'info', message: `--from=${value} is not a stage defined earlier; ${bake.path} seems to give '${value}' as a named context (contexts), which this build then needs: build it with bake` });
        continue;
      }
      report({
        start: ref.start,
        end: ref.end,
        message: later
          ? `--from=${value}: stage '${later.name}' is defined after this one (line ${later.from.line}); move it above`
          : `--from=${value} is not a stage defined earlier${didYouMean(suggest(value, namesBefore(df, stage.index), budget))}; if you mean an image, give it a tag (${value}:<version>)`,
      });
    }
  },
};

/** The names of the stages before stage `index`, in order (walked only as far as a suggestion needs). */
function* namesBefore(df: Dockerfile, index: number): Generator<string> {
  for (const s of df.stages) {
    if (s.index >= index) return;
    if (s.name) yield s.name;
  }
}
