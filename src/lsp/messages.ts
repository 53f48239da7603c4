// What the LSP thread and the checking worker say to each other (postMessage, structured clone).
// Cancellation goes through shared memory instead, so a busy worker sees it without reading messages:
// slot i < ROOT_SLOTS holds the newest generation of workspace i; ROOT_SLOTS + id % REQUEST_SLOTS holds
// the id of a cancelled request.

import type { Diagnostic, Position, Range } from 'vscode-languageserver';
import type { OpenDoc } from './project-check.js';
import type { EditorSettings } from './settings.js';

export const ROOT_SLOTS = 256;
export const REQUEST_SLOTS = 256;

export type ToWorker =
  | { type: 'doc'; doc: OpenDoc }
  | { type: 'close'; uri: string }
  /** Forget what was read from disk under these roots (a watched file changed, a file was saved). */
  | { type: 'invalidate'; roots: string[] }
  | { type: 'check'; id: number; root: string; loose: boolean; uris: string[]; settings: EditorSettings; slot: number; generation: number }
  | { type: 'actions'; id: number; uri: string; version: number; range: Range; only?: string[] }
  | { type: 'hover'; id: number; uri: string; version: number; position: Position };

export interface Published {
  uri: string;
  version: number;
  diagnostics: Diagnostic[];
}

export type FromWorker =
  | { type: 'checked'; id: number; cancelled: boolean; results: Published[] }
  /** Documents published again on the worker's own initiative (ShellCheck's findings arrived). */
  | { type: 'late'; results: Published[] }
  | { type: 'answer'; id: number; cancelled: boolean; result: unknown }
  | { type: 'log'; message: string };
