import {describe, expect, it} from 'vitest';
import {runInNewContext} from 'node:vm';
import {EARLY_CLICK_KEY, earlyClickInlineScript, replayEarlyClick} from './earlyClicks';

type FakeButton = {disabled: boolean; form: object | null; type: string; attrs: Record<string, string>; isConnected: boolean; clicks: number};

function button(over: Partial<FakeButton> = {}) {
  const b = {disabled: false, form: null, type: 'button', attrs: {}, isConnected: true, clicks: 0, ...over};
  return Object.assign(b, {hasAttribute: (k: string) => k in b.attrs, click: () => void b.clicks++});
}

/** Runs the inline script with a fake window and document; `click` sends a click at an element inside `target`. */
function page() {
  let handler: ((e: unknown) => void) | undefined;
  let capture: boolean | undefined;
  const window: Record<string, unknown> = {};
  const document = {
    addEventListener: (type: string, h: (e: unknown) => void, c: boolean) => {
      if (type === 'click') [handler, capture] = [h, c];
    },
  };
  runInNewContext(earlyClickInlineScript(), {window, document});
  const click = (target: ReturnType<typeof button> | 'link') => {
    const e = {prevented: false, stopped: false};
    const inside = {closest: (sel: string) => (sel === 'button' && target !== 'link' ? target : null)};
    handler!({target: inside, preventDefault: () => (e.prevented = true), stopPropagation: () => (e.stopped = true)});
    return e;
  };
  return {window, click, capture: () => capture};
}

describe('taps before hydration', () => {
  it('catches a tap on a button in the capture phase, keeps it from the page and replays it once', () => {
    const p = page();
    expect(p.capture()).toBe(true);
    const menu = button();
    const e = p.click(menu);
    expect([e.prevented, e.stopped]).toEqual([true, true]);
    expect(menu.clicks).toBe(0);
    replayEarlyClick(p.window as unknown as Window);
    expect(menu.clicks).toBe(1);
    // after hydration taps go to the page as usual, and nothing is replayed twice
    const later = p.click(menu);
    expect([later.prevented, later.stopped]).toEqual([false, false]);
    replayEarlyClick(p.window as unknown as Window);
    expect(menu.clicks).toBe(1);
  });
  it('replays only the last of several taps', () => {
    const p = page();
    const [a, b] = [button(), button()];
    p.click(a);
    p.click(b);
    replayEarlyClick(p.window as unknown as Window);
    expect([a.clicks, b.clicks]).toEqual([0, 1]);
  });
  it('leaves links, disabled buttons, form submits and the version switch to the browser', () => {
    const p = page();
    for (const t of ['link', button({disabled: true}), button({form: {}, type: 'submit'}), button({attrs: {'data-dv-set': '2.3'}})] as const) {
      const e = p.click(t);
      expect([e.prevented, e.stopped]).toEqual([false, false]);
    }
    expect((p.window[EARLY_CLICK_KEY] as {button: unknown}).button).toBeNull();
  });
  it('does not click a button that has left the page meanwhile', () => {
    const p = page();
    const gone = button();
    p.click(gone);
    gone.isConnected = false;
    replayEarlyClick(p.window as unknown as Window);
    expect(gone.clicks).toBe(0);
  });
  it('does nothing on a page without the inline script', () => {
    expect(() => replayEarlyClick({} as Window)).not.toThrow();
  });
});
