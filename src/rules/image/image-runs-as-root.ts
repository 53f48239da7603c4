import type { ImageRule } from '../types.js';
import { lastEntry } from './util.js';

/** `User` values that mean root: empty, a name or uid of 0, with or without a group. */
export const isRootUser = (user: string): boolean => {
  const who = user.trim().split(':')[0]!;
  return who === '' || who === 'root' || who === '0';
};

export const imageRunsAsRoot: ImageRule = {
  meta: {
    id: 'image-runs-as-root',
    target: 'image',
    category: 'security',
    severity: 'warning',
    aliases: ['CIS-DI-0001'],
    title: 'The image runs as root',
    description:
      'The image config has no `User`, or user 0: every container of it runs as root unless the run command says otherwise, so a compromised process owns the container and whatever is mounted into it. End the shipped stage with `USER` and a fixed numeric uid (the guide: `USER 1000:1000`).',
    bad: 'FROM python:3.11-slim\nCOPY . /app\nCMD ["python", "/app/app.py"]\n',
    good: 'FROM python:3.11-slim\nRUN useradd --uid 1000 --create-home app\nCOPY --chown=1000:1000 . /app\nUSER 1000:1000\nCMD ["python", "/app/app.py"]\n',
    fixable: false,
    differs: 'The Dockerfile rule `non-root-user` reads the Dockerfile; this one reads the built config, which also holds a `USER` set by the base image.',
  },
  check({ image, report }) {
    if (!isRootUser(image.config.user)) return;
    const user = lastEntry(image, 'USER');
    const how = image.config.user ? `User is '${image.config.user}'` : 'no User is set';
    report({ message: `The image runs as root (${how}): end the shipped stage with USER and a numeric uid`, ...(user ? { history: user.index } : {}) });
  },
};
