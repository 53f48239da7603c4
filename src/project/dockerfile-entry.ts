// A Dockerfile of the project: its model is parsed on first read, and a check may drop it once the
// Dockerfile's rules ran (`release`), keeping only its outline and what its image is for. So a check
// of many Dockerfiles holds one model at a time, not all of them (issue 15: memory flat with the files).

import type { Dockerfile } from '../parse/dockerfile/model.js';
import { outlineOf, type DockerfileOutline } from '../parse/dockerfile/outline.js';
import { shippedOutlineOf, type ShippedOutline } from '../parse/dockerfile/shipped-outline.js';
import { parseDockerfile } from '../parse/dockerfile/parse.js';
import type { NamedScripts } from '../rules/dockerfile/guide/cmd-script-missing.js';
import type { ImagePurpose } from './image-purpose.js';
import type { SourceFile } from './model.js';
import { assertText } from './released-text.js';

/** What a released Dockerfile keeps for the project-level readers. */
export interface KeptFacts {
  /** What compose's rules read; null once the contexts were judged, unless a compose file builds the Dockerfile. */
  outline: DockerfileOutline | null;
  /** What the checklist cites. */
  shipped: ShippedOutline;
  /** What the image is for, with the facts its rules got; null when no project rule will ask. */
  purpose: ImagePurpose | null;
  /** What cmd-script-missing judges (null: nothing to judge). */
  namedScripts: NamedScripts | null;
}

export class DockerfileEntry {
  readonly file: SourceFile;
  #df: Dockerfile | null = null;
  #kept: KeptFacts | null = null;
  /** How many times the model was parsed: 1 in a check, unless something read it after its release. */
  parses = 0;
  constructor(file: SourceFile) {
    this.file = file;
  }
  /** The model; parsed again if it was released (correct, but a check's project rules read the outline instead). */
  get df(): Dockerfile {
    if (!this.#df) {
      assertText(this.file);
      this.#df = parseDockerfile(this.file.text, this.file.path);
      this.parses++;
    }
    return this.#df;
  }
  /** The facts kept by `release`, or null while the model is held. */
  get kept(): KeptFacts | null {
    return this.#kept;
  }
  /**
   * The context rules judged its contexts: what only they read (purpose, named scripts) goes, and the outline
   * unless a compose file builds the Dockerfile (its rules read it after the check); what the checklist cites stays.
   */
  contextsJudged(composeBuilds: boolean): void {
    const kept = this.#kept;
    if (kept) this.#kept = { outline: composeBuilds ? kept.outline : null, shipped: kept.shipped, purpose: null, namedScripts: null };
  }
  /** Drops the model; `kept` answers the project-level readers from now on. */
  release(kept: KeptFacts): void {
    this.#kept = kept;
    this.#df = null;
  }
}

/** A Dockerfile as the project-level readers see it: kept at release, else taken from the model. */
export function dockerfileOutline(entry: { df: Dockerfile }): DockerfileOutline {
  return (entry instanceof DockerfileEntry && entry.kept?.outline) || outlineOf(entry.df);
}

/** What the checklist cites of a Dockerfile: kept at release, else taken from the model. */
export function shippedOutline(entry: { df: Dockerfile }): ShippedOutline {
  return (entry instanceof DockerfileEntry && entry.kept?.shipped) || shippedOutlineOf(outlineOf(entry.df));
}
