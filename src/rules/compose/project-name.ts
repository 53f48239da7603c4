import { entry } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles } from './util.js';

export const composeProjectName: ProjectRule = {
  meta: {
    id: 'compose-project-name',
    target: 'compose',
    category: 'maintainability',
    severity: 'info',
    aliases: ['require-project-name-field'],
    title: 'The compose file sets no project name',
    description:
      'Without `name:`, the project is named after the folder: two checkouts in folders of the same name share containers and volumes, and renaming the folder orphans them.',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n',
    good: 'name: myapp\nservices:\n  app:\n    image: ghcr.io/org/app:1.2.0\n',
    fixable: false,
    off: true,
    differs: 'Off by default (dclint: warning): the folder name is fine for most projects. Only base files are checked.',
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      if (cf.role !== 'base' || entry(cf.root, 'name')) continue;
      at(report, { file: cf.file, start: cf.root!.loc.start, end: cf.root!.loc.start }, `${cf.file.path} sets no project name: add 'name: <project>'`);
    }
  },
};
