// Issue 10 item 2: the page cannot open an address in the user's browser on its own.
import { describe, expect, it } from 'vitest';
import { confirmMessage, EXTERNAL_ALLOW_LIST, isAllowListed, openExternalChecked } from '../../electron/services/externalLinks';

describe('openExternalChecked', () => {
  it('opens allow-listed pages at once, asks for any other https address, never opens the rest', async () => {
    const opened: string[] = [];
    const asked: string[] = [];
    const open = async (u: string) => void opened.push(u);
    const answer = (yes: boolean) => async (u: string) => (asked.push(u), yes);
    expect(await openExternalChecked(EXTERNAL_ALLOW_LIST[0], open, answer(false))).toBe('opened');
    expect(asked).toEqual([]);
    expect(await openExternalChecked('https://evil.example/?leak=1', open, answer(false))).toBe('declined');
    expect(await openExternalChecked('https://doi.org/10.1/x', open, answer(true))).toBe('opened');
    for (const u of ['http://a.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://u:p@a.example/', 'not a url']) expect(await openExternalChecked(u, open, answer(true))).toBe('refused');
    expect(asked).toEqual(['https://evil.example/?leak=1', 'https://doi.org/10.1/x']);
    expect(opened).toEqual([EXTERNAL_ALLOW_LIST[0], 'https://doi.org/10.1/x']);
  });

  it('the allow list matches whole addresses, not prefixes or look-alikes', () => {
    expect(isAllowListed('https://opensource.org/license/mit')).toBe(true);
    expect(isAllowListed('HTTPS://OPENSOURCE.ORG/license/mit')).toBe(true);
    for (const u of ['https://opensource.org/license/mit/../../x', 'https://opensource.org/license/mit?x=1', 'https://opensource.org.evil.example/license/mit', 'https://opensource.org/license/mitx']) {
      expect(isAllowListed(u), u).toBe(false);
    }
  });

  it('the question shows the host on its own line and the whole address', () => {
    expect(confirmMessage('https://xn--pple-43d.com/login')).toEqual({
      message: 'Open this address in your browser?',
      detail: 'xn--pple-43d.com\n\nhttps://xn--pple-43d.com/login\n\nContrastScope did not choose this link; open it only if you expected it.',
    });
  });
});
