import type { ImageRef } from '../../../parse/dockerfile/model.js';
import { compilesByPurpose, imagePurpose } from '../../../project/image-purpose.js';
import type { DockerfileRule, Report } from '../../types.js';
import { firstLine } from '../helpers.js';
import { imageText, isOfficial, rootImage, tagParts } from './util.js';
import { own } from '../../../util/own.js';

/** Official language images with a `-slim` variant, and where `slim` goes in a tag with an OS suffix. */
const SLIM_IMAGES: Record<string, 'before-os' | 'after-os'> = {
  python: 'before-os', // 3.12-slim-bookworm
  ruby: 'before-os', // 3.3-slim-bookworm
  perl: 'before-os', // 5.40-slim-bookworm
  rust: 'before-os', // 1.80-slim-bookworm
  openjdk: 'before-os', // 21-slim-bookworm
  node: 'after-os', // 20-bookworm-slim
  debian: 'after-os', // bookworm-slim
};
/** Language images without a slim variant whose build output belongs on a small runtime image. */
const COMPILE_ONLY: Record<string, string> = {
  golang: 'gcr.io/distroless/static-debian12 (or alpine) and COPY --from the binary',
};
const DEBIAN_SUITES = /^(bookworm|bullseye|buster|trixie|stretch|sid)$/;
/** Tag parts that already name a small or special variant. */
const NOT_FULL = /^(slim|alpine|windowsservercore|nanoserver|ltsc|distroless|chiseled|musl|busybox|onbuild)/;

/** The `-slim` tag for a full tag, or null when none can be derived. */
export function slimTag(name: string, tag: string | null): string | null {
  const where = own(SLIM_IMAGES, name);
  if (!where) return null;
  if (name === 'debian') return tag && DEBIAN_SUITES.test(tag) ? `${tag}-slim` : null;
  if (tag === null || tag === 'latest') return 'slim';
  const parts = tag.split('-');
  const os = parts.length > 1 && DEBIAN_SUITES.test(parts.at(-1)!) ? parts.pop()! : null;
  if (os === null) return `${parts.join('-')}-slim`;
  return where === 'before-os' ? `${parts.join('-')}-slim-${os}` : `${parts.join('-')}-${os}-slim`;
}

function isFull(image: ImageRef): boolean {
  if (image.unresolved.length || image.isScratch || image.stage) return false;
  if (image.tag === null && image.digest !== null) return false;
  return !tagParts(image).some((p) => NOT_FULL.test(p));
}

export const baseImageSlim: DockerfileRule = {
  meta: {
    id: 'base-image-slim',
    target: 'dockerfile',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'Ship a -slim variant of the official language image',
    description:
      'The full official images (`python:3.12`, `node:20`, `ruby:3.3`) carry compilers, headers and hundreds of Debian packages: about 1 GB against ~130 MB for `-slim`, and every one of those packages is attack surface and CVE noise. Build in a full image if you must, but ship the `-slim` one.',
    bad: 'FROM python:3.12\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
    good: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
    fixable: false,
    differs:
      'No anchor checks this. Only the image that ships is checked (the last stage, or the stage it is FROM-built upon): a full image in a builder stage is fine. Only official images with a known `-slim` variant are flagged (plus `golang`, which has none and whose binary belongs on a small runtime image); alpine, distroless, Windows and unknown images are left alone. Base, language/toolchain, command-line tool and test images and workbenches (dev containers, CodeSandbox, CI runners), whose users need the full image\'s compilers, are reported at info with the reason. No fix: a slim image lacks packages the build may rely on.',
  },
  check({ df, project, report: emit }) {
    const shipped = df.shipped;
    if (!shipped) return;
    // A toolchain, base, test or workbench image (dev container, CI runner) needs the full image's compilers: a note.
    // The purpose is asked for a finding only (most images are not a full official one).
    const report = (r: Report) => {
      const purpose = imagePurpose(df, project);
      emit(compilesByPurpose(purpose) ? { ...r, cap: 'info', message: `${r.message} (${purpose.reason}; info)` } : r);
    };
    const { image, stage } = rootImage(shipped);
    if (!isOfficial(image) || !isFull(image)) return;
    const name = image.name.toLowerCase();
    const where = firstLine(df, stage.from);
    const span = stage.from.args[0] ? { start: stage.from.args[0].start, end: stage.from.args[0].end } : where;
    const slim = slimTag(name, image.tag);
    if (slim) {
      const written = imageText(image).replace(/@.*$/, '');
      const repo = image.tag !== null ? written.slice(0, written.length - image.tag.length - 1) : written;
      const size = name === 'debian' ? 'with documentation, locales and tools the app does not need' : '~1 GB with compilers and headers';
      report({
        ...span,
        message: `The image ships on the full '${imageText(image)}' (${size}): use '${repo}:${slim}', and install what the build needs in a builder stage`,
      });
      return;
    }
    const runtime = own(COMPILE_ONLY, name);
    if (runtime) {
      report({
        ...span,
        message: `The image ships the whole Go toolchain of '${imageText(image)}': build in a builder stage and ship on ${runtime}`,
      });
    }
  },
};
