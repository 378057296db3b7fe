import {describe, expect, it} from 'vitest';
import {clientSidePath, type LinkClick} from './inPageNavigation';

const here = 'https://wiki.example/services/client-limit?v=2.3#top';
const click = (over: Partial<LinkClick>): LinkClick => ({href: '/calculator', target: null, download: false, button: 0, modified: false, defaultPrevented: false, ...over});

describe('clientSidePath', () => {
  it('keeps the path, query and fragment of an internal link', () => {
    expect(clientSidePath(click({href: 'https://wiki.example/calculator?s=1;v=2.4#result'}), here)).toBe('/calculator?s=1;v=2.4#result');
    expect(clientSidePath(click({href: '../troubleshooting#fork-failed'}), here)).toBe('/troubleshooting#fork-failed');
    expect(clientSidePath(click({href: '/services/client-limit?v=2.4'}), here)).toBe('/services/client-limit?v=2.4');
  });

  it('leaves the browser to follow what a <Link> would not take over', () => {
    expect(clientSidePath(click({href: 'https://doc.dovecot.org/2.4.1/'}), here)).toBeNull();
    expect(clientSidePath(click({target: '_blank'}), here)).toBeNull();
    expect(clientSidePath(click({download: true}), here)).toBeNull();
    expect(clientSidePath(click({button: 1}), here)).toBeNull();
    expect(clientSidePath(click({modified: true}), here)).toBeNull();
    expect(clientSidePath(click({defaultPrevented: true}), here)).toBeNull();
    expect(clientSidePath(click({href: 'mailto:postmaster@example.org'}), here)).toBeNull();
    expect(clientSidePath(click({href: 'javascript:alert(1)'}), here)).toBeNull();
  });

  it('lets the browser handle a jump within the same page', () => {
    expect(clientSidePath(click({href: '#process-limit'}), here)).toBeNull();
    expect(clientSidePath(click({href: '/services/client-limit?v=2.3#x'}), here)).toBeNull();
  });

  it('treats _self like no target and survives a malformed address', () => {
    expect(clientSidePath(click({target: '_self'}), here)).toBe('/calculator');
    expect(clientSidePath(click({href: 'http://[::1'}), here)).toBeNull();
  });
});
