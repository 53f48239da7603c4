import type { Dockerfile, ImageRef } from '../../../parse/dockerfile/model.js';
import { commentLines, imagePurpose, isNotRunAsService, startProgram } from '../../../project/image-purpose.js';
import type { DockerfileRule, Report } from '../../types.js';
import { commandsOf, firstLine } from '../helpers.js';
import { imageText, installedPackages, isOfficial, isRootUser, lastUser, rootImage, shippedChain, tagParts } from './util.js';
import { workerDrop } from './worker-drop.js';

/** Base images that already run as a non-root user. */
export function runsAsNonRoot(image: ImageRef): boolean {
  const name = image.name.toLowerCase();
  const registry = (image.registry ?? '').toLowerCase();
  const parts = tagParts(image);
  if (parts.includes('nonroot') || parts.includes('rootless') || parts.includes('unprivileged')) return true;
  if (registry === 'cgr.dev' && !parts.includes('dev')) return true;
  if (name.endsWith('-unprivileged') || name.startsWith('bitnami/')) return true;
  // Images whose Dockerfile ends with USER: Grafana (472), Selenium (seluser), browserless (blessuser), Jenkins, Node-RED, Prometheus (nobody).
  if (!registry || registry === 'docker.io' || registry === 'ghcr.io') {
    if (/^(grafana\/grafana(-oss|-enterprise)?|selenium\/[\w.-]+|browserless\/[\w.-]+|jenkins\/jenkins|nodered\/node-red|prom\/prometheus)$/.test(name)) return true;
  }
  // Jupyter's docker-stacks images (base-notebook, scipy-notebook …) end with USER ${NB_UID}.
  if (name.endsWith('-notebook')) return true;
  return false;
}

/**
 * Usage-comment flags that give the container the host (`docker run --privileged`, `--cap-add
 * SYS_ADMIN`, `--device /dev/sda`, `--pid host`, the Docker socket), with what they need root for.
 * `--net host` alone is not one: in the real corpus it is the browsers' convenience, and they run as a user.
 */
const PRIVILEGED_USAGE: { re: RegExp; why: string }[] = [
  { re: /--privileged\b|--cap-add[=\s]+(SYS_ADMIN|SYS_MODULE|SYS_RAWIO|NET_ADMIN|ALL)\b|--device[=\s]+\/dev\/(sd[a-z]|nvme|mem|kvm|vbox)/i, why: 'which needs root' },
  { re: /--device[=\s]+\/dev\/(bus\/usb|usb|hidraw)/i, why: "which needs root: device nodes keep the host's root ownership" },
  { re: /--pid[=\s]+host\b/i, why: "to inspect the host's processes, which needs root to see and signal them all" },
  { re: /\/var\/run\/docker\.sock|\/run\/docker\.sock/, why: 'and the Docker socket is root on the host whatever USER says' },
];

/** The line of a usage comment that gives the container host privileges: root inside is then its design. */
export function privilegedUsage(df: Dockerfile): { line: number; flag: string; why: string } | null {
  // Every pattern needs `--` or `docker.sock`.
  if (!df.text.includes('--') && !df.text.includes('docker.sock')) return null;
  for (const c of commentLines(df)) {
    for (const { re, why } of PRIVILEGED_USAGE) {
      const m = re.exec(c.text);
      if (m) return { line: c.line, flag: m[0].replace(/\s+/g, ' '), why };
    }
  }
  return null;
}

/** A WebAssembly module as the entrypoint (`FROM scratch` + `ENTRYPOINT ["app.wasm"]`): Docker's Wasm runtimes run it in the WASI sandbox, which has no Unix users. */
function wasmModule(df: Dockerfile): string | null {
  const start = startProgram(df);
  return start && !start.inherited && /\.wasm$/i.test(start.name) ? start.name : null;
}

const DROPPERS = new Set(['gosu', 'su-exec', 'setpriv', 'runuser', 's6-setuidgid', 'chpst', 'setuidgid']);

export const nonRootUser: DockerfileRule = {
  meta: {
    id: 'non-root-user',
    target: 'dockerfile',
    category: 'guide',
    severity: 'warning',
    aliases: ['DL3002', 'DS-0002', 'CKV_DOCKER_3', 'CKV_DOCKER_8', 'CIS-DI-0001'],
    title: 'The image runs as root: add a USER',
    description:
      'A process running as root in the container is root on the host\'s kernel: a container escape or a writable host mount then gives full control. Create an unprivileged user with a fixed UID in the shipped stage and switch to it with `USER` after the steps that need root.',
    bad: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
    good:
      'FROM python:3.12-slim\nRUN groupadd --gid 1001 app && useradd --uid 1001 --gid app --no-create-home app\nWORKDIR /app\nCOPY . .\nUSER app\nCMD ["python", "app.py"]\n',
    fixable: false,
    differs:
      'Like trivy DS-0002 and checkov CKV_DOCKER_3 (and unlike hadolint DL3002, hadolint #328, #648) a shipped stage that never sets USER is reported, since the official images run as root; like hadolint\'s users asked (#405, #1014), builder stages are never reported, and USER is inherited through `FROM <stage>`. Not reported: base images that already run unprivileged (distroless `:nonroot`, Chainguard, `*-unprivileged`, Bitnami, Jupyter\'s `*-notebook`, and images whose Dockerfile ends with USER: `grafana/grafana`, `selenium/*`, `browserless/*`, `jenkins/jenkins`, `nodered/node-red`, `prom/prometheus`), images whose entrypoint drops privileges with gosu/su-exec/setpriv (as the official postgres and redis images do), and `USER ${VAR}` whose value is unknown. Servers whose master starts as root and whose workers — what parses the requests — run as an unprivileged user in their default configuration (nginx and OpenResty, `user nginx;` in the official image; Apache httpd, `User daemon`; apache2 and the `php:*-apache` images, www-data; php-fpm, its pool\'s `user = www-data`) are reported at info, like the gosu class but with the master still root, naming the way to run no process as root (`nginxinc/nginx-unprivileged`; `USER www-data` for php-fpm): `USER nginx` on the official nginx image breaks it (its master cannot write its pid file or /var/cache/nginx). A copied config that sets `user root;` is not read. A WebAssembly module as the entrypoint (`FROM scratch`, `ENTRYPOINT ["app.wasm"]`) is info: Docker\'s Wasm runtimes run it in the WASI sandbox, which has no Unix users. Base images (no command of their own), language or toolchain images, command-line tool images (an ENTRYPOINT program; a CMD that only asks for the usage, `imagemin --help`; a bare CMD naming the program a RUN installs, `cabal install brok` + `CMD ["brok"]` — interactive terminal programs such as weechat or mutt stay applications), test images (under `test/`, named `*.e2e.Dockerfile`, FROM Playwright/Cypress/Selenium, or running a test suite), development images (`docker/development/`, `Dockerfile.dev`, skaffold\'s `Dockerfile.debug`, PHP\'s development server `artisan serve`/`php -S` in the command or an ENV: Laravel Sail) and workbenches that do not serve (dev containers, CI runners, kernel-module builders) are reported at info, with the reason; so is an image whose usage comment runs it with `--privileged`, `--cap-add SYS_ADMIN` (or another capability that needs root), a raw device such as `--device /dev/sda` or `--device /dev/bus/usb` (the YubiKey tools), `--pid host` (htop, to see and signal the host\'s processes) or the Docker socket (root on the host whatever USER says), where USER would not make it safer. `--net host` alone is not such a flag: in the real corpus it is the browsers\' convenience, and they run as a user. Notebook and browser-IDE servers serve, and are reported in full. Desktop applications (the X11 socket or DISPLAY in ENV or the usage comment) are applications and are reported in full, however they start: they open untrusted documents and web content with host folders mounted (`-v $HOME/Pictures:/root/Pictures`), where root in the container writes as root; in the real corpus 14 of 38 such images (the browsers, chat and media players) already run as a user, and the ones that need root for a device say so in their usage comment.',
  },
  check({ df, project, report: emit }) {
    const shipped = df.shipped;
    if (!shipped) return;
    // What a finding's message and severity depend on is looked up only when there is one (most files set USER).
    const report = (r: Report) => {
      // A base, language or tool image is run by whoever builds on it or calls it: a note, with the reason.
      const purpose = imagePurpose(df, project);
      // Run with --privileged or a device/capability that needs root (virtualbox, gparted, kvm): USER would not make it safer.
      const privileged = privilegedUsage(df);
      const wasm = privileged ? null : wasmModule(df);
      const why = privileged
        ? `${purpose.reason}; its usage comment runs it with ${privileged.flag} (line ${privileged.line}), ${privileged.why}`
        : wasm
          ? `${purpose.reason}; ${wasm} is a WebAssembly module: Docker's Wasm runtimes run it in the WASI sandbox, which has no Unix users`
          : purpose.reason;
      emit(isNotRunAsService(purpose) || privileged || wasm ? { ...r, cap: 'info', message: `${r.message} (${why}; info)` } : { ...r, message: `${r.message} (${why})` });
    };
    const chain = shippedChain(df);
    // An entrypoint that drops privileges at start (gosu, su-exec) needs root to do it.
    const drops =
      chain.some((s) => installedPackages(s).some((p) => DROPPERS.has(p.name))) ||
      chain.some((s) =>
        s.instructions.some(
          (i) =>
            ((i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD') && commandsOf(i).some((c) => DROPPERS.has(c.program))) ||
            ((i.keyword === 'COPY' || i.keyword === 'ADD') && i.args.some((a) => DROPPERS.has(a.value.slice(a.value.lastIndexOf('/') + 1)))),
        ),
      );
    if (drops) return;
    const user = lastUser(df, shipped);
    if (user) {
      if (user.value === null || !isRootUser(user.value)) return;
      report({
        ...firstLine(df, user.inst),
        message: `The last USER of the shipped stage is '${user.value}' (line ${user.inst.line}), so the container runs as root: switch back to an unprivileged user (USER app, or a numeric UID) after the steps that need root`,
      });
      return;
    }
    const { image } = rootImage(shipped);
    if (image.unresolved.length || runsAsNonRoot(image)) return;
    // nginx, httpd, php-fpm: the master starts as root and its workers, which parse the requests, do not — as with gosu.
    const server = workerDrop(df);
    if (server) {
      emit({
        ...firstLine(df, shipped.from),
        cap: 'info',
        message: `The shipped stage never sets USER: ${server.server}'s master process runs as root and its workers, which handle the requests, as an unprivileged user (${server.workers}), as gosu drops privileges elsewhere; USER on this image would break its master. ${server.instead[0]!.toUpperCase()}${server.instead.slice(1)} (${imagePurpose(df, project).reason}; info)`,
      });
      return;
    }
    const base = imageText(image);
    const known = image.isScratch || isOfficial(image);
    // Windows images have no useradd: their unprivileged account is ContainerUser.
    const windows = /(^|\/)windows\/|nanoserver|servercore/i.test(`${image.name}:${image.tag ?? ''}`);
    const how = image.isScratch
      ? 'add USER 65532:65532 (numeric: scratch has no /etc/passwd)'
      : windows
        ? 'add USER ContainerUser (the unprivileged account of Windows images)'
        : 'create a user with a fixed UID (useradd --uid 1001 app) and add USER app';
    report({
      ...firstLine(df, shipped.from),
      message: `The shipped stage never sets USER, so the container runs as root${known ? ` ('${base}' does not set one)` : ` unless '${base}' sets one`}: ${how}`,
    });
  },
};
