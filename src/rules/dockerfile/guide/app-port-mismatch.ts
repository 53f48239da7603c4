import type { Instruction } from '../../../parse/dockerfile/model.js';
import type { DockerfileRule } from '../../types.js';
import { commandsOf, firstLine } from '../helpers.js';
import { shippedChain } from './util.js';

/** The port a server command line says it listens on: `--port N`, `--bind H:N`, `-b H:N`, `runserver H:N`, `-p N`. */
export function listenPort(argv: readonly string[]): number | undefined {
  const program = argv[0]?.split('/').pop() ?? '';
  const num = (v: string | undefined) => (v !== undefined && /^\d{1,5}$/.test(v) ? Number(v) : undefined);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = /^--(port|bind)=(.*)$/.exec(a);
    const value = eq ? eq[2] : undefined;
    const flag = eq ? `--${eq[1]}` : a;
    const next = value ?? argv[i + 1];
    if (flag === '--port' || (flag === '-p' && ['uvicorn', 'next', 'flask', 'hypercorn'].includes(program))) return num(next);
    if (flag === '--bind' || (flag === '-b' && ['gunicorn', 'hypercorn'].includes(program))) return num(/:(\d{1,5})$/.exec(next ?? '')?.[1]);
    if (a === 'runserver') return num(/(?:^|:)(\d{1,5})$/.exec(argv[i + 1] ?? '')?.[1]);
  }
  return undefined;
}

export const appPortMismatch: DockerfileRule = {
  meta: {
    id: 'app-port-mismatch',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'EXPOSE or the HEALTHCHECK uses another port than the one CMD listens on',
    description:
      'When the CMD says which port the server listens on (`--port 8000`, `--bind 0.0.0.0:8000`, `runserver 0.0.0.0:8000`), EXPOSE and the HEALTHCHECK must use that port: a HEALTHCHECK that probes another one marks a working container unhealthy (Compose and Swarm then restart it or never route to it), and EXPOSE documents — and `docker run -P` publishes — a port nobody answers on.',
    bad: 'FROM python:3.12-slim\nEXPOSE 5000\nHEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:5000/\')"]\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
    good: 'FROM python:3.12-slim\nEXPOSE 8000\nHEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/\')"]\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
    fixable: false,
    differs:
      'No anchor checks this. Only judged when the shipped stage\'s CMD (or ENTRYPOINT) names its port with a server option slipway knows (uvicorn, gunicorn, hypercorn, Flask, Next.js, Django runserver); a HEALTHCHECK is judged by the loopback URLs (127.0.0.1, localhost) it contains, and EXPOSE only when none of its ports is the app\'s.',
  },
  check({ df, report }) {
    const chain = shippedChain(df).flatMap((s) => s.instructions);
    if (!chain.length) return;
    const last = (kw: string): Instruction | undefined => chain.filter((i) => i.keyword === kw).at(-1);
    const entry = last('ENTRYPOINT');
    const cmd = last('CMD');
    const argv = [...(entry ? (commandsOf(entry)[0]?.argv ?? []) : []), ...(cmd ? (commandsOf(cmd)[0]?.argv ?? []) : [])];
    const port = listenPort(argv);
    if (port === undefined) return;
    const exposes = chain.filter((i) => i.keyword === 'EXPOSE');
    const exposed = exposes.flatMap((i) => i.args.map((a) => /^(\d{1,5})(?:\/tcp)?$/.exec(a.value)?.[1]).filter((p): p is string => p !== undefined).map(Number));
    const dynamic = exposes.some((i) => i.args.some((a) => a.value.includes('$')));
    if (exposes.length && !dynamic && !exposed.includes(port))
      report({ ...firstLine(df, exposes.at(-1)!), message: `EXPOSE ${exposed.join(' ')}, but the CMD listens on ${port}: expose ${port}` });
    const hc = last('HEALTHCHECK');
    if (hc && !hc.argsText.includes('$')) {
      for (const m of hc.argsText.matchAll(/(?:127\.0\.0\.1|localhost|0\.0\.0\.0)['"]?\s*(?::|,\s*)(\d{1,5})\b/g)) {
        if (Number(m[1]) === port) continue;
        report({ ...firstLine(df, hc), message: `The HEALTHCHECK probes port ${m[1]}, but the CMD listens on ${port}: the check always fails and the container is marked unhealthy; probe ${port}` });
        break;
      }
    }
  },
};
