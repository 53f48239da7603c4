// What the checklist cites of a Dockerfile (src/checklist/items.ts): the shipped stage's FROM line and its last
// USER/HEALTHCHECK/CMD/ENTRYPOINT lines, whether the base it finally stands on is known to be small, each stage's
// FROM line in a multi-stage build, whether anything runs. A streamed check keeps this, not the whole outline, of
// a Dockerfile no compose file builds (~0.5 kB less per Dockerfile held to the end of a check: issue 15).

import type { CitedKeyword, DockerfileOutline, OutlineStage } from './outline.js';

export interface ShippedOutline {
  /** The FROM line of each stage when there are several (what shows a multi-stage build); null for one stage or none. */
  stageLines: readonly number[] | null;
  /** The stage that becomes the image. */
  shipped: ShippedStage | null;
  /** Any CMD or ENTRYPOINT, in any stage. */
  runsSomething: boolean;
}

export interface ShippedStage {
  fromLine: number;
  /** The base it finally stands on (FROM an earlier stage followed) is known to be small. */
  smallBase: boolean;
  /** Line of the stage's last USER, HEALTHCHECK, CMD and ENTRYPOINT. */
  last: Partial<Record<CitedKeyword, number>>;
}

const memo = new WeakMap<DockerfileOutline, ShippedOutline>();

export function shippedOutlineOf(outline: DockerfileOutline): ShippedOutline {
  let known = memo.get(outline);
  if (!known) {
    const s = outline.shipped;
    known = {
      stageLines: outline.stages.length > 1 ? outline.stages.map((stage) => stage.fromLine) : null,
      shipped: s ? { fromLine: s.fromLine, smallBase: isSmallBase(baseOf(s)), last: s.last } : null,
      runsSomething: outline.runsSomething,
    };
    memo.set(outline, known);
  }
  return known;
}

/** The image a stage finally stands on: FROM an earlier stage is followed to that stage's base. */
function baseOf(stage: OutlineStage): OutlineStage['image'] {
  let image = stage.image;
  for (let hops = 0; image.stage && hops < 64; hops++) image = image.stage.image;
  return image;
}

const SMALL_TAG = /(^|[-_.])(slim|alpine|distroless|chiseled|busybox|minimal|micro|static|nonroot)([-_.\d]|$)/i;
const SMALL_NAME = /(^|\/)(distroless\/|busybox$|alpine$|static(-debian\d+)?$|wolfi-base$|ubi\d*-(minimal|micro)$)|chainguard\.dev\/|cgr\.dev\//i;

/** A base known to be small: scratch, a -slim/alpine/distroless… tag, or a minimal image by name. */
function isSmallBase(image: OutlineStage['image']): boolean {
  if (image.isScratch) return true;
  if (image.unresolved.length) return false;
  return SMALL_TAG.test(image.tag ?? '') || SMALL_NAME.test(`${image.registry ? `${image.registry}/` : ''}${image.name}`);
}
