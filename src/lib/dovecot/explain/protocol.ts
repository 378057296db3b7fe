/**
 * The messages between the explainer's page and the Web Worker that runs the analysis off the
 * page's main thread. The worker only calls `answer`; the engine stays in this module's siblings.
 * Everything sent is plain data (structured-clonable).
 */
import {explain} from './index';
import type {ExplainOptions, ExplainResult} from './types';

export interface ExplainRequest {
  /** Ties a reply to its request: the page drops replies to requests it no longer waits for. */
  id: number;
  text: string;
  options: ExplainOptions;
}

export type ExplainReply = {id: number; ok: true; result: ExplainResult} | {id: number; ok: false; error: string};

/** The worker's whole job. Never throws. */
export function answer(request: ExplainRequest): ExplainReply {
  try {
    return {id: request.id, ok: true, result: explain(request.text, request.options)};
  } catch (e) {
    return {id: request.id, ok: false, error: e instanceof Error ? e.message : String(e)};
  }
}
