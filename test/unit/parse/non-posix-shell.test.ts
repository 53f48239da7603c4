// A script run by a PowerShell or cmd SHELL is not POSIX shell: the model gives it no commands (and
// never hands it to mvdan-sh, which would read PowerShell as bash); the SHELL in effect is inherited
// through FROM <stage>, and a later POSIX SHELL is parsed again.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../src/parse/dockerfile/parse.js';

const names = (text: string) => parseDockerfile(text, 'Dockerfile').instructions.filter((i) => i.shell).map((i) => [i.keyword, i.shell!.commands.map((c) => c.name)]);

describe('RUN under a PowerShell or cmd SHELL', () => {
  it('has no commands; a POSIX SHELL after it is parsed again', () => {
    const text = [
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win',
      'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]',
      'RUN Invoke-WebRequest -Uri https://x.example/a.zip -OutFile a.zip; curl.exe -fsSL x | tar -x',
      'CMD echo hi',
      'FROM win',
      'RUN curl x | sh',
      'SHELL ["C:\\\\Windows\\\\System32\\\\cmd.exe", "/S", "/C"]',
      'RUN dir && echo done',
      'SHELL ["/bin/bash", "-c"]',
      'RUN apt-get update && apt-get install -y curl',
      'RUN ["powershell", "-c", "x"]',
      '',
    ].join('\n');
    assert.deepEqual(names(text), [
      ['RUN', []],
      ['CMD', []],
      ['RUN', []], // inherited through FROM win
      ['RUN', []],
      ['RUN', ['apt-get', 'apt-get']],
      ['RUN', ['powershell']], // exec form: one command, no SHELL involved
    ]);
  });

  it('a POSIX SHELL (or none) is parsed', () => {
    assert.deepEqual(names('FROM debian\nRUN a && b\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN c | d\n'), [
      ['RUN', ['a', 'b']],
      ['RUN', ['c', 'd']],
    ]);
  });
});
