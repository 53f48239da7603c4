import { addToExtract } from '../../src/rules/dockerfile/instructions/add-to-extract.js';
import { copyDestSlash } from '../../src/rules/dockerfile/instructions/copy-dest-slash.js';
import { copyNotAdd } from '../../src/rules/dockerfile/instructions/copy-not-add.js';
import { copyRelativeDest } from '../../src/rules/dockerfile/instructions/copy-relative-dest.js';
import { workdirAbsolute } from '../../src/rules/dockerfile/instructions/workdir-absolute.js';
import { workdirSystemDir } from '../../src/rules/dockerfile/instructions/workdir-system-dir.js';
import { ruleTester } from './harness.js';

ruleTester(workdirAbsolute, {
  valid: [
    'FROM alpine:3.20\nWORKDIR /app\n',
    { name: 'relative after an absolute one in the stage', code: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n' },
    { name: 'relative after an absolute one in the parent stage', code: 'FROM alpine:3.20 AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n' },
    { name: 'variable resolving to an absolute path', code: 'FROM alpine:3.20\nENV APP_HOME=/srv/app\nWORKDIR $APP_HOME\n' },
    { name: 'unknown variable: skipped', code: 'FROM alpine:3.20\nARG DIR\nWORKDIR ${DIR}\n' },
    { name: 'Windows absolute paths', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\app\nWORKDIR "D:/data"\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nWORKDIR app\n', errors: [{ line: 2, column: 9, endColumn: 12, message: "'/app'" }] },
    {
      name: 'variable resolving to a relative path',
      code: 'FROM alpine:3.20\nARG D=./build\nWORKDIR $D\n',
      errors: [{ line: 3, column: 9, endColumn: 11, message: "'/build'" }],
    },
    {
      name: 'an absolute WORKDIR in another, unrelated stage does not count',
      code: 'FROM alpine:3.20 AS a\nWORKDIR /app\nFROM alpine:3.20\nWORKDIR app\n',
      errors: [{ line: 4, column: 9 }],
    },
  ],
});

ruleTester(workdirSystemDir, {
  valid: ['FROM alpine:3.20\nWORKDIR /app\n', 'FROM alpine:3.20\nWORKDIR /procedures\n', 'FROM alpine:3.20\nWORKDIR /devtools/x\n'],
  invalid: [
    { code: 'FROM alpine:3.20\nWORKDIR /proc/app\n', errors: [{ line: 2, column: 9, endColumn: 18, message: '/proc' }] },
    { name: 'the directory itself, trailing slash', code: 'FROM alpine:3.20\nWORKDIR /sys/\n', errors: [{ line: 2, column: 9, message: '/sys' }] },
    { name: 'through a variable', code: 'FROM alpine:3.20\nENV D=/dev/shm\nWORKDIR "$D"\n', errors: [{ line: 3, column: 9, message: '/dev' }] },
  ],
});

ruleTester(copyNotAdd, {
  valid: [
    'FROM alpine:3.20\nCOPY app.py /app/\n',
    { name: 'a URL with --checksum', code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar.gz /tmp/\n' },
    { name: 'a git repository', code: 'FROM alpine:3.20\nADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.14.0 /src\nADD git@github.com:acme/app.git /app\n' },
    { name: 'a local tar archive ADD extracts', code: 'FROM alpine:3.20\nADD rootfs.tar.xz /\nADD "vendor.tgz" /opt/\n' },
    { name: 'unknown variable', code: 'FROM alpine:3.20\nARG SRC\nADD $SRC /x/\n' },
    { name: 'a tar archive without a tar name (ADD unpacks it)', code: 'FROM alpine:3.20\nADD rootfs /opt/rootfs/\n', project: { addSources: { rootfs: 'archive' } } },
    { name: 'a compressed file that may hold a tar', code: 'FROM alpine:3.20\nADD data.bin /opt/\n', project: { addSources: { 'data.bin': 'maybe-archive' } } },
    { name: 'an ARG default that is a URL', code: 'FROM alpine:3.20\nARG URL="https://example.com/tool"\nADD $URL /usr/local/bin/tool\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD requirements.txt /app/\n',
      errors: [{ line: 2, column: 1, endColumn: 4, message: "'requirements.txt'" }],
      output: 'FROM alpine:3.20\nCOPY requirements.txt /app/\n',
      project: { addSources: { 'requirements.txt': 'file' } },
    },
    {
      name: 'not known from the context: reported, not fixed',
      code: 'FROM alpine:3.20\nADD requirements.txt /app/\n',
      errors: [{ line: 2, column: 1, endColumn: 4, message: "'requirements.txt'" }],
    },
    {
      name: 'zip files are not extracted by ADD',
      code: 'FROM alpine:3.20\nadd app.zip /opt/\n',
      errors: [{ line: 2, column: 1, message: "does not extract 'app.zip'" }],
      output: 'FROM alpine:3.20\ncopy app.zip /opt/\n',
      project: { addSources: { 'app.zip': 'file' } },
    },
    {
      name: 'a local file next to an archive: reported, not fixed',
      code: 'FROM alpine:3.20\nADD app.tar.gz config.yml /opt/\n',
      errors: [{ line: 2, column: 1, message: "'config.yml'" }],
    },
    {
      name: 'JSON form with --chown',
      code: 'FROM alpine:3.20\nADD --chown=app ["src", "/app/src"]\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nCOPY --chown=app ["src", "/app/src"]\n',
      project: { addSources: { src: 'dir' } },
    },
  ],
});

ruleTester(addToExtract, {
  valid: [
    'FROM debian:12-slim\nADD app.tar.gz /opt/\n',
    { name: 'zip archives cannot be extracted by ADD', code: 'FROM debian:12-slim\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip -d /opt\n' },
    { name: 'archive from another stage', code: 'FROM debian:12-slim AS b\nRUN tar -czf /a.tar.gz /etc\nFROM debian:12-slim\nCOPY --from=b /a.tar.gz /tmp/\nRUN tar -xzf /tmp/a.tar.gz\n' },
    { name: 'archive created, not extracted', code: 'FROM debian:12-slim\nCOPY data.tar /tmp/\nRUN tar -tf /tmp/data.tar\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n',
      errors: [{ line: 2, column: 1, endColumn: 22, message: "'app.tar.gz' is copied here and extracted by tar on line 3" }],
    },
    {
      name: 'old-style tar options, renamed destination',
      code: 'FROM debian:12-slim\nCOPY build/out.tgz /tmp/bundle.tgz\nRUN cd /opt && tar xzf /tmp/bundle.tgz\n',
      errors: [{ line: 2, column: 1, message: 'bundle.tgz' }],
    },
  ],
});

ruleTester(copyDestSlash, {
  valid: [
    'FROM alpine:3.20\nCOPY a.txt /app\n',
    'FROM alpine:3.20\nCOPY a.txt b.txt /app/\n',
    { name: 'JSON form', code: 'FROM alpine:3.20\nCOPY ["a.txt", "b.txt", "/app/"]\n' },
    { name: 'variable ending with /', code: 'FROM alpine:3.20\nARG DEST=/app/\nCOPY a b $DEST\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nCOPY package.json package-lock.json /app\n',
      errors: [{ line: 2, column: 37, endColumn: 41, message: "into '/app'" }],
      output: 'FROM alpine:3.20\nCOPY package.json package-lock.json /app/\n',
    },
    {
      name: 'quoted destination, ADD',
      code: 'FROM alpine:3.20\nADD a b "/my dir"\n',
      errors: [{ line: 2, column: 14 }],
      output: 'FROM alpine:3.20\nADD a b "/my dir/"\n',
    },
    {
      name: 'quoted destination',
      code: 'FROM alpine:3.20\nCOPY a b "/app"\n',
      errors: [{ line: 2, column: 10, endColumn: 16 }],
      output: 'FROM alpine:3.20\nCOPY a b "/app/"\n',
    },
    {
      name: 'JSON form: reported without a fix',
      code: 'FROM alpine:3.20\nCOPY ["a", "b", "/app"]\n',
      errors: [{ line: 2, column: 1 }],
    },
  ],
});

ruleTester(copyRelativeDest, {
  valid: [
    'FROM node:22-slim\nWORKDIR /app\nCOPY . .\n',
    'FROM node:22-slim\nCOPY . /app/\n',
    { name: 'WORKDIR in the parent stage', code: 'FROM node:22-slim AS base\nWORKDIR /app\nFROM base\nCOPY package.json ./\n' },
    { name: 'scratch has a fixed working directory', code: 'FROM scratch\nCOPY app .\n' },
    { name: 'variable resolving to an absolute path', code: 'FROM node:22-slim\nENV HOME=/home/node\nCOPY .npmrc $HOME/\n' },
  ],
  invalid: [
    { code: 'FROM node:22-slim\nCOPY package.json .\n', errors: [{ line: 2, column: 19, endColumn: 20, message: "relative destination '.'" }] },
    {
      name: 'WORKDIR only in an unrelated stage',
      code: 'FROM node:22-slim AS a\nWORKDIR /app\nFROM node:22-slim\nCOPY --from=a /app/dist dist/\n',
      errors: [{ line: 4, column: 25 }],
    },
    { name: 'WORKDIR after the COPY', code: 'FROM node:22-slim\nCOPY . app\nWORKDIR /app\n', errors: [{ line: 2, column: 8 }] },
  ],
});
