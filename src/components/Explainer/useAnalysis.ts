/**
 * The explainer's analysis of a text, computed in a Web Worker (./explain.worker.ts) by an
 * AnalysisRunner (./analysis.ts). New results reach React as a transition, so drawing a long
 * report yields to typing.
 */
import {startTransition, useEffect, useRef, useState} from 'react';
import type {ExplainReply, ExplainRequest} from '../../lib/dovecot/explain/protocol';
import type {ExplainOptions} from '../../lib/dovecot/explain/types';
import {ANALYSIS_BUDGET_MS, AnalysisRunner, IDLE, type AnalysisState, type WorkerPort} from './analysis';

function startWorker(onReply: (reply: ExplainReply) => void, onError: () => void): WorkerPort | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const worker = new Worker(new URL('./explain.worker.ts', import.meta.url), {name: 'explain'});
    worker.onmessage = (e: MessageEvent<ExplainReply>) => onReply(e.data);
    worker.onerror = (e) => {
      // handled here: the page says the analysis failed
      e.preventDefault();
      onError();
    };
    worker.onmessageerror = () => onError();
    return {post: (r: ExplainRequest) => worker.postMessage(r), terminate: () => worker.terminate()};
  } catch {
    return null;
  }
}

/** Browsers without workers load the engine into the page, the first time it is needed. */
async function inline(request: ExplainRequest): Promise<ExplainReply> {
  const {answer} = await import('../../lib/dovecot/explain/protocol');
  return answer(request);
}

/** The analysis of `text` (empty or blank: idle). `options` must keep its identity between renders unless it changes. */
export function useAnalysis(text: string, options: ExplainOptions): AnalysisState {
  const [state, setState] = useState<AnalysisState>(IDLE);
  const runner = useRef<AnalysisRunner | null>(null);

  useEffect(() => {
    const r = new AnalysisRunner({
      startWorker,
      inline,
      setTimer: (run, ms) => window.setTimeout(run, ms),
      clearTimer: (t) => window.clearTimeout(t as number),
      budgetMs: ANALYSIS_BUDGET_MS,
      onChange: (s) => startTransition(() => setState(s)),
    });
    runner.current = r;
    return () => {
      r.dispose();
      runner.current = null;
    };
  }, []);

  useEffect(() => {
    const r = runner.current;
    if (!r) return;
    if (text.trim() === '') r.clear();
    else r.analyse(text, options);
  }, [text, options]);

  return state;
}
