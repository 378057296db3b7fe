/**
 * Runs the explainer's analyses in a Web Worker, one at a time, each within a time budget.
 * While one runs, only the newest text waits (texts typed in between are never analysed), and
 * the last finished analysis stays on the page. An analysis that outlives the budget is stopped
 * by ending its worker, and the page says so; the next text gets a fresh worker. Browsers without
 * workers run the analysis in a task of their own on the page's thread.
 *
 * No DOM or React here: the worker, the timers and the page's state come in as functions, so
 * the scheduling is tested on its own (analysis.test.ts).
 */
import type {ExplainOptions, ExplainResult} from '../../lib/dovecot/explain/types';
import type {ExplainReply, ExplainRequest} from '../../lib/dovecot/explain/protocol';

/** How long one analysis may take. A 1 MB config takes well under a second on a laptop. */
export const ANALYSIS_BUDGET_MS = 10_000;

export type AnalysisStatus = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

export interface AnalysisState {
  status: AnalysisStatus;
  /** When done, the text's analysis; while running, the last finished one (or null). */
  result: ExplainResult | null;
  /** Why nothing is shown, when stopped or failed. */
  message: string | null;
}

export const IDLE: AnalysisState = {status: 'idle', result: null, message: null};

export interface WorkerPort {
  post(request: ExplainRequest): void;
  terminate(): void;
}

export interface RunnerDeps {
  /** A new worker that calls `onReply` with each reply and `onError` if it dies; null when the browser has none. */
  startWorker(onReply: (reply: ExplainReply) => void, onError: () => void): WorkerPort | null;
  /** The analysis on this thread, for browsers without workers. */
  inline(request: ExplainRequest): Promise<ExplainReply>;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
  budgetMs: number;
  onChange(state: AnalysisState): void;
}

export function stoppedMessage(budgetMs: number): string {
  return `The analysis stopped after ${budgetMs / 1000} s without finishing, so nothing is shown for this text. Paste a smaller part: the doveconf -n output and the log lines in question.`;
}

export const FAILED_MESSAGE = 'The analysis stopped with an error in this browser, so nothing is shown for this text. Paste a smaller part, or try again.';

export class AnalysisRunner {
  private worker: WorkerPort | null = null;
  private noWorkers = false;
  private inFlight: {id: number; timer: unknown} | null = null;
  private waiting: {text: string; options: ExplainOptions} | null = null;
  private nextId = 1;
  private last: ExplainResult | null = null;

  constructor(private readonly deps: RunnerDeps) {}

  /** Analyses this text once the one running (if any) is done. */
  analyse(text: string, options: ExplainOptions): void {
    this.waiting = {text, options};
    if (this.inFlight) this.emit('running', this.last, null);
    else this.startNext();
  }

  /** Nothing to analyse (the text was cleared): stops what runs. */
  clear(): void {
    this.waiting = null;
    this.last = null;
    if (this.inFlight) this.endWorker();
    this.emit('idle', null, null);
  }

  dispose(): void {
    this.waiting = null;
    this.endWorker();
  }

  private emit(status: AnalysisStatus, result: ExplainResult | null, message: string | null): void {
    this.deps.onChange({status, result, message});
  }

  private startNext(): void {
    const job = this.waiting;
    if (!job) return;
    this.waiting = null;
    const request: ExplainRequest = {id: this.nextId++, text: job.text, options: job.options};
    if (!this.worker && !this.noWorkers) {
      this.worker = this.deps.startWorker((r) => this.reply(r), () => this.died('failed'));
      this.noWorkers = this.worker === null;
    }
    this.emit('running', this.last, null);
    if (this.worker) {
      this.worker.post(request);
      this.inFlight = {id: request.id, timer: this.deps.setTimer(() => this.died('stopped'), this.deps.budgetMs)};
    } else {
      this.inFlight = {id: request.id, timer: this.deps.setTimer(() => void this.deps.inline(request).then((r) => this.reply(r)), 0)};
    }
  }

  private reply(reply: ExplainReply): void {
    if (!this.inFlight || reply.id !== this.inFlight.id) return;
    this.deps.clearTimer(this.inFlight.timer);
    this.inFlight = null;
    this.last = reply.ok ? reply.result : null;
    if (this.waiting) this.startNext();
    else if (reply.ok) this.emit('done', reply.result, null);
    else this.emit('failed', null, FAILED_MESSAGE);
  }

  /** The running analysis went over its budget, or its worker died. */
  private died(status: 'stopped' | 'failed'): void {
    if (!this.inFlight) return;
    this.endWorker();
    this.last = null;
    if (this.waiting) this.startNext();
    else this.emit(status, null, status === 'stopped' ? stoppedMessage(this.deps.budgetMs) : FAILED_MESSAGE);
  }

  private endWorker(): void {
    if (this.inFlight) this.deps.clearTimer(this.inFlight.timer);
    this.inFlight = null;
    this.worker?.terminate();
    this.worker = null;
  }
}
