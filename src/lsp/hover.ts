// Hover: on a finding, the rule's explanation (title, why, how slipway differs, aliases, doc link),
// all from rule metadata; on a Dockerfile's FROM, what slipway knows about that stage: the image,
// whether the stage ships and why, and which compose services build and run it.
// Values from the project (image names, stage and service names) are shown as code, never as Markdown.

import type { Hover, Position } from 'vscode-languageserver';
import { composeOf, hasHealthcheck, serviceDockerfile } from '../parse/compose/project.js';
import { get, isLMap, str } from '../parse/compose/values.js';
import type { Dockerfile, Stage } from '../parse/dockerfile/model.js';
import { neededStages } from '../parse/dockerfile/stages.js';
import { composeUsesFor } from '../project/compose-uses.js';
import { dockerfileFacts } from '../project/dockerfile-facts.js';
import { imagePurpose } from '../project/image-purpose.js';
import type { ProjectModel } from '../project/model.js';
import { RULES } from '../rules/index.js';
import type { Finding } from '../types.js';
import { ruleHref } from './diagnostics.js';
import type { FileCheck } from './project-check.js';

const META = new Map(RULES.map((r) => [r.meta.id, r.meta]));

export function hover(check: FileCheck, at: Position): Hover | null {
  const parts: string[] = [];
  for (const f of [...check.findings, ...(check.shellcheckFindings ?? [])]) if (covers(f, at)) parts.push(ruleHelp(f));
  const df = check.project?.dockerfiles.find((d) => d.file.absPath === check.doc.path)?.df;
  const stage = df?.stages.find((s) => s.from.line === at.line + 1);
  if (df && stage && check.project) parts.push(fromHelp(check.project, check.doc.path, df, stage));
  return parts.length ? { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } } : null;
}

function ruleHelp(f: Finding): string {
  const meta = META.get(f.rule);
  if (!meta) return `**${f.rule}** (${f.severity}, ShellCheck): ${f.message.replace(/[\r\n]/g, ' ')} · [ShellCheck wiki](${ruleHref(f.rule)})`;
  const lines = [`**${meta.id}** (${f.severity}, ${meta.category}): ${meta.title}`, '', `**Why:** ${meta.description}`];
  if (meta.differs) lines.push('', `**How slipway differs:** ${meta.differs}`);
  if (meta.aliases.length) lines.push('', `Also known as ${meta.aliases.map(code).join(', ')}.`);
  lines.push('', `${meta.fixable ? 'Fixable (quick fix, `slipway check --fix`). ' : ''}Suppress: \`# slipway ignore=${meta.id} -- reason\` · [rule page](${ruleHref(meta.id)})`);
  return lines.join('\n');
}

function fromHelp(project: ProjectModel, absPath: string, df: Dockerfile, stage: Stage): string {
  const name = stage.name ? ` ${code(stage.name)}` : '';
  const lines = [`**Stage ${stage.index + 1} of ${df.stages.length}**${name}`, ''];
  const img = stage.image;
  if (img.stage) lines.push(`- Built on the earlier stage ${code(img.stage.name ?? String(img.stage.index + 1))}.`);
  else if (img.isScratch) lines.push('- Built from `scratch` (an empty image).');
  else {
    const pin = img.digest ? `pinned by digest ${code(img.digest.slice(0, 19))}…` : img.tag ? `tag ${code(img.tag)}, no digest` : 'no tag (`latest`), no digest';
    lines.push(`- Base image ${code(img.registry ? `${img.registry}/${img.name}` : img.name)}, ${pin}.`);
    if (img.unresolved.length) lines.push(`- Depends on build arguments without a default: ${img.unresolved.map(code).join(', ')}.`);
  }
  const services = buildingServices(project, absPath);
  const targets = [...new Set(services.map((s) => s.target).filter((t): t is string => Boolean(t)))];
  if (stage.shipped) {
    const byTarget = targets.length === 1 && stage.name?.toLowerCase() === targets[0]!.toLowerCase();
    const why = byTarget ? `the compose build target ${code(targets[0]!)}` : 'the last stage';
    lines.push(`- **Ships**: this stage becomes the image (${why}); the image rules (user, healthcheck, secrets, size) judge it.`);
    // The rules' facts (compose uses, the manifests it installs), so the hover says what the findings say.
    const file = project.files.find((f) => f.absPath === absPath);
    const purpose = imagePurpose(df, file ? dockerfileFacts(project, file) : composeUsesFor(project, absPath));
    lines.push(`- **A ${purpose.kind} image**: ${plain(purpose.reason)} (the guide's service rules judge a service at full severity, other images at info).`);
  } else {
    const needed = neededStages(df).has(stage);
    lines.push(needed ? '- **Does not ship**: a build stage the shipped stage copies from or builds on; what it installs stays out of the image.' : '- **Does not ship**, and the shipped stage does not need it: BuildKit skips it.');
  }
  if (services.length) {
    const list = services.map((s) => `${code(s.name)} (${code(s.file)}${s.target ? `, target ${code(s.target)}` : ''})`).join(', ');
    lines.push(`- **Compose** builds it for ${list}${services.some((s) => s.healthcheck) ? '; a compose healthcheck covers it' : ''}.`);
  } else lines.push('- No compose service in the workspace builds this Dockerfile.');
  return lines.join('\n');
}

interface BuildingService {
  name: string;
  file: string;
  target: string | null;
  healthcheck: boolean;
}

function buildingServices(project: ProjectModel, absPath: string): BuildingService[] {
  const out: BuildingService[] = [];
  for (const p of composeOf(project).projects) {
    for (const s of p.services) {
      const df = s.value ? serviceDockerfile(p.dir, s.value) : null;
      if (!df || df.inline || df.path !== absPath) continue;
      const target = isLMap(df.build) ? (str(get(df.build, 'target')) ?? null) : null;
      out.push({ name: s.name, file: s.keyLocs[0]?.file.path ?? p.dir, target, healthcheck: hasHealthcheck(s.value) });
    }
  }
  return out;
}

function covers(f: Finding, at: Position): boolean {
  const line = at.line + 1;
  const col = at.character + 1;
  if (line < f.line || line > f.endLine) return false;
  if (line === f.line && col < f.column) return false;
  return !(line === f.endLine && col > f.endColumn);
}

/** A project value as inline code: no Markdown, links or HTML of its own. */
function code(s: string): string {
  const flat = s.replace(/[\r\n`]/g, ' ');
  return `\`${flat.length > 120 ? `${flat.slice(0, 120)}…` : flat}\``;
}

/** A sentence that quotes the project (image purpose reasons): every Markdown character escaped. */
function plain(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]<>()#+!|~]/g, '\\$&');
}
