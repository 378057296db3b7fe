// The explainer's scheduling of analyses, with a worker and timers played by the test: one
// analysis at a time, only the newest text waits, the budget stops a worker and says so, a dead
// worker is replaced, stale replies are dropped, and browsers without workers still get results.
import {describe, expect, it} from 'vitest';
import {explain} from '../../lib/dovecot/explain';
import {answer, type ExplainReply, type ExplainRequest} from '../../lib/dovecot/explain/protocol';
import {AnalysisRunner, FAILED_MESSAGE, stoppedMessage, type AnalysisState} from './analysis';

const BUDGET = 10_000;

class FakeWorker {
  posted: ExplainRequest[] = [];
  terminated = false;
  constructor(
    readonly reply: (r: ExplainReply) => void,
    readonly die: () => void,
  ) {}
  /** Answers the oldest request as the real worker would. */
  answerNext(): void {
    const req = this.posted.shift();
    if (req) this.reply(answer(req));
  }
}

function setup(opts: {workers?: boolean} = {}) {
  const workers: FakeWorker[] = [];
  const timers = new Map<number, {run: () => void; at: number}>();
  let now = 0;
  let nextTimer = 1;
  const states: AnalysisState[] = [];
  const runner = new AnalysisRunner({
    startWorker: (onReply, onError) => {
      if (opts.workers === false) return null;
      const w = new FakeWorker(onReply, onError);
      workers.push(w);
      return {post: (r) => w.posted.push(r), terminate: () => (w.terminated = true)};
    },
    inline: async (r) => answer(r),
    setTimer: (run, ms) => {
      timers.set(nextTimer, {run, at: now + ms});
      return nextTimer++;
    },
    clearTimer: (t) => timers.delete(t as number),
    budgetMs: BUDGET,
    onChange: (s) => states.push(s),
  });
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.run();
      }
    }
  };
  return {runner, workers, states, advance, last: () => states[states.length - 1], timers};
}

const CONFIG = 'service imap {\n  process_limit = 5\n}\n';

describe('AnalysisRunner', () => {
  it('posts a text to a worker and shows its analysis, the same as explain() gives', () => {
    const t = setup();
    t.runner.analyse(CONFIG, {});
    expect(t.last()).toEqual({status: 'running', result: null, message: null});
    expect(t.workers).toHaveLength(1);
    t.workers[0].answerNext();
    expect(t.last()).toEqual({status: 'done', result: explain(CONFIG), message: null});
    expect(t.timers.size).toBe(0);
  });

  it('while one analysis runs, only the newest text waits; the older result stays meanwhile', () => {
    const t = setup();
    t.runner.analyse('a = 1', {});
    const w = t.workers[0];
    t.runner.analyse('a = 12', {});
    t.runner.analyse('a = 123', {});
    expect(w.posted.map((r) => r.text)).toEqual(['a = 1']);
    w.answerNext();
    expect(w.posted.map((r) => r.text)).toEqual(['a = 123']);
    expect(t.last()).toMatchObject({status: 'running', result: explain('a = 1')});
    w.answerNext();
    expect(t.last()).toEqual({status: 'done', result: explain('a = 123'), message: null});
    expect(t.workers).toHaveLength(1);
  });

  it('stops an analysis that outlives the budget, says so, and starts the next text in a fresh worker', () => {
    const t = setup();
    t.runner.analyse('slow', {});
    t.advance(BUDGET - 1);
    expect(t.last().status).toBe('running');
    t.advance(1);
    expect(t.workers[0].terminated).toBe(true);
    expect(t.last()).toEqual({status: 'stopped', result: null, message: stoppedMessage(BUDGET)});
    expect(stoppedMessage(BUDGET)).toMatch(/^The analysis stopped after 10 s without finishing/);
    // a reply that comes after all the same is dropped
    t.workers[0].answerNext();
    expect(t.last().status).toBe('stopped');
    t.runner.analyse(CONFIG, {});
    expect(t.workers).toHaveLength(2);
    t.workers[1].answerNext();
    expect(t.last()).toMatchObject({status: 'done', result: explain(CONFIG)});
  });

  it('over budget with a newer text waiting: that text starts at once', () => {
    const t = setup();
    t.runner.analyse('slow', {});
    t.runner.analyse(CONFIG, {});
    t.advance(BUDGET);
    expect(t.workers).toHaveLength(2);
    expect(t.workers[1].posted.map((r) => r.text)).toEqual([CONFIG]);
    expect(t.last()).toEqual({status: 'running', result: null, message: null});
  });

  it('a worker that dies is reported and replaced', () => {
    const t = setup();
    t.runner.analyse(CONFIG, {});
    t.workers[0].die();
    expect(t.last()).toEqual({status: 'failed', result: null, message: FAILED_MESSAGE});
    expect(t.workers[0].terminated).toBe(true);
    expect(t.timers.size).toBe(0);
    t.runner.analyse(CONFIG, {});
    t.workers[1].answerNext();
    expect(t.last().status).toBe('done');
  });

  it('clearing the text stops the running analysis and forgets the last result', () => {
    const t = setup();
    t.runner.analyse(CONFIG, {});
    t.workers[0].answerNext();
    t.runner.analyse(`${CONFIG}x = 1`, {});
    t.runner.clear();
    expect(t.workers[0].terminated).toBe(true);
    expect(t.last()).toEqual({status: 'idle', result: null, message: null});
    t.runner.analyse('a = 1', {});
    expect(t.last()).toEqual({status: 'running', result: null, message: null});
  });

  it('passes the options (the version chosen by hand) to the worker', () => {
    const t = setup();
    t.runner.analyse(CONFIG, {version: '2.3'});
    expect(t.workers[0].posted[0].options).toEqual({version: '2.3'});
    t.workers[0].answerNext();
    expect(t.last().result?.version.version).toBe('2.3');
  });

  it('without workers, analyses in a task of its own on this thread', async () => {
    const t = setup({workers: false});
    t.runner.analyse(CONFIG, {});
    expect(t.last().status).toBe('running');
    t.advance(0);
    await Promise.resolve();
    expect(t.last()).toEqual({status: 'done', result: explain(CONFIG), message: null});
  });

  it('dispose ends the worker and its timer', () => {
    const t = setup();
    t.runner.analyse(CONFIG, {});
    t.runner.dispose();
    expect(t.workers[0].terminated).toBe(true);
    expect(t.timers.size).toBe(0);
  });
});
