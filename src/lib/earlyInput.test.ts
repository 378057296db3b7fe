import {describe, expect, it} from 'vitest';
import {runInNewContext} from 'node:vm';
import {EARLY_INPUT_KEY, earlyInputInlineScript, replayEarlyInput} from './earlyInput';

function button(over: {disabled?: boolean; form?: object | null; type?: string; attrs?: Record<string, string>} = {}) {
  const b = {disabled: false, form: null as object | null, type: 'button', attrs: {} as Record<string, string>, isConnected: true, clicks: 0, ...over};
  return Object.assign(b, {hasAttribute: (k: string) => k in b.attrs, click: () => void b.clicks++});
}

/** A field as the inline script and the replay see it: its value set through the prototype's setter, its events counted. */
function field(tagName: 'INPUT' | 'TEXTAREA' | 'SELECT', type = 'text') {
  const proto = {};
  let value = '';
  Object.defineProperty(proto, 'value', {get: () => value, set: (v: string) => void (value = v)});
  const f = Object.create(proto) as {tagName: string; type: string; isConnected: boolean; disabled: boolean; value: string; events: string[]; dispatchEvent(e: {type: string}): boolean};
  Object.assign(f, {tagName, type, isConnected: true, disabled: false, events: [] as string[]});
  f.dispatchEvent = (e) => (f.events.push(e.type), true);
  return f;
}

/** Runs the inline script with a fake window and document, and hands out its listeners. */
function page() {
  const listeners: Record<string, {h: (e: unknown) => void; capture: boolean}> = {};
  const window: Record<string, unknown> = {};
  const document = {addEventListener: (type: string, h: (e: unknown) => void, capture: boolean) => void (listeners[type] = {h, capture})};
  runInNewContext(earlyInputInlineScript(), {window, document});
  const click = (target: ReturnType<typeof button> | 'link') => {
    const e = {prevented: false, stopped: false};
    const inside = {closest: (sel: string) => (sel === 'button' && target !== 'link' ? target : null)};
    listeners.click.h({target: inside, preventDefault: () => (e.prevented = true), stopPropagation: () => (e.stopped = true)});
    return e;
  };
  const type = (f: ReturnType<typeof field>, value: string, event = 'input') => {
    f.value = value;
    listeners[event].h({target: f});
  };
  const replay = () => replayEarlyInput(window as unknown as Window);
  return {window, click, type, replay, listeners};
}

describe('before hydration', () => {
  it('listens in the capture phase, before any handler of the page', () => {
    const {listeners} = page();
    expect(Object.entries(listeners).map(([k, v]) => [k, v.capture])).toEqual([['click', true], ['input', true], ['change', true]]);
  });
  it('catches a tap on a button, keeps it from the page and replays it once', () => {
    const p = page();
    const menu = button();
    const e = p.click(menu);
    expect([e.prevented, e.stopped]).toEqual([true, true]);
    expect(menu.clicks).toBe(0);
    p.replay();
    expect(menu.clicks).toBe(1);
    // after hydration taps go to the page as usual, and nothing is replayed twice
    const later = p.click(menu);
    expect([later.prevented, later.stopped]).toEqual([false, false]);
    p.replay();
    expect(menu.clicks).toBe(1);
  });
  it('replays only the last of several taps', () => {
    const p = page();
    const [a, b] = [button(), button()];
    p.click(a);
    p.click(b);
    p.replay();
    expect([a.clicks, b.clicks]).toEqual([0, 1]);
  });
  it('leaves links, disabled buttons, form submits and the version switch to the browser', () => {
    const p = page();
    for (const t of ['link', button({disabled: true}), button({form: {}, type: 'submit'}), button({attrs: {'data-dv-set': '2.3'}})] as const) {
      const e = p.click(t);
      expect([e.prevented, e.stopped]).toEqual([false, false]);
    }
    expect((p.window[EARLY_INPUT_KEY] as {button: unknown}).button).toBeNull();
  });
  it('gives typed fields their last value again after hydration reset them, as typing would', () => {
    const p = page();
    const [number, text, select] = [field('INPUT', 'number'), field('TEXTAREA'), field('SELECT')];
    p.type(number, '7');
    p.type(number, '70');
    p.type(text, 'service imap {\n}');
    p.type(select, '2.3', 'change');
    // hydration puts React's values back
    for (const f of [number, text, select]) f.value = 'reset';
    p.replay();
    expect([number.value, text.value, select.value]).toEqual(['70', 'service imap {\n}', '2.3']);
    expect([number.events, text.events, select.events]).toEqual([['input'], ['input'], ['change']]);
  });
  it('also sends the event for a field that still shows the typed text (React may hold another value); none for one that has left the page, or after hydration', () => {
    const p = page();
    const [kept, gone, late] = [field('INPUT'), field('INPUT'), field('INPUT')];
    p.type(kept, 'a');
    p.type(gone, 'b');
    gone.isConnected = false;
    p.replay();
    p.type(late, 'c');
    p.replay();
    expect([kept.value, kept.events, gone.events, late.events]).toEqual(['a', ['input'], [], []]);
  });
  it('leaves check boxes, radio buttons and file fields alone', () => {
    const p = page();
    for (const t of ['checkbox', 'radio', 'file']) p.type(field('INPUT', t), 'on');
    expect((p.window[EARLY_INPUT_KEY] as {fields: unknown[]}).fields).toEqual([]);
  });
  it('does nothing on a page without the inline script', () => {
    expect(() => replayEarlyInput({} as Window)).not.toThrow();
  });
});
