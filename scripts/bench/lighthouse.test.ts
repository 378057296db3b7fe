import {describe, expect, it} from 'vitest';
import {failureReason} from './lighthouse';

describe('failureReason', () => {
  it('takes the runtime error line even when Lighthouse printed the stack after it', () => {
    const stderr = [
      'Runtime error encountered: Something went wrong with recording the trace over your page load. Please run Lighthouse again. (NO_NAVSTART)',
      'LighthouseError: NO_NAVSTART',
      '    at Object.processTrace (file:///root/.npm/_npx/x/node_modules/lighthouse/core/lib/tracehouse/trace-processor.js:912:13)',
      '    at async Runner._runAudit (file:///root/.npm/_npx/x/node_modules/lighthouse/core/runner.js:420:22)',
      '',
    ].join('\n');
    expect(failureReason(stderr)).toBe(
      'Runtime error encountered: Something went wrong with recording the trace over your page load. Please run Lighthouse again. (NO_NAVSTART)',
    );
  });

  it('otherwise takes the last line that is not a stack frame, and says when there was nothing', () => {
    expect(failureReason('npm ERR! code ENOTFOUND\nnpm ERR! network request failed\n')).toBe('npm ERR! network request failed');
    expect(failureReason('Error: boom\n    at f (x.js:1:1)\n    at g (x.js:2:2)')).toBe('Error: boom');
    expect(failureReason('')).toBe('nothing on stderr');
  });
});
