import { describe, expect, it } from 'vitest';
import { linkPieces, messagePieces, safeHref } from './message-text';

describe('links in message text', () => {
  it('turns http and https addresses into links and leaves the rest as text', () => {
    expect(linkPieces('see https://example.com/a?b=1 and http://intranet.local:8080/x')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://intranet.local:8080/x', href: 'http://intranet.local:8080/x' },
    ]);
  });

  it('never makes a link of javascript:, data: or other schemes', () => {
    for (const text of ['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'file:///etc/passwd', 'ftp://example.com']) {
      expect(linkPieces(text)).toEqual([{ kind: 'text', text }]);
    }
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://')).toBeNull();
  });

  it('links only the http address hidden inside a javascript: text', () => {
    const pieces = linkPieces("javascript:fetch('https://evil.example/x')");
    expect(pieces.filter((piece) => piece.kind === 'link')).toEqual([{ kind: 'link', text: 'https://evil.example/x', href: 'https://evil.example/x' }]);
    expect(pieces[0]).toEqual({ kind: 'text', text: "javascript:fetch('" });
  });

  it('keeps markup as text: nothing in a link can break out of its attribute', () => {
    const pieces = linkPieces('<img src=x onerror=alert(1)> https://example.com/"><script>');
    expect(pieces).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)> ' },
      { kind: 'link', text: 'https://example.com/', href: 'https://example.com/' },
      { kind: 'text', text: '"><script>' },
    ]);
  });

  it('leaves sentence punctuation and CJK text after a link out of it, but keeps balanced brackets', () => {
    expect(linkPieces('Read https://example.com/doc.')[1]).toMatchObject({ text: 'https://example.com/doc' });
    expect(linkPieces('(see https://example.com/x)')[1]).toMatchObject({ text: 'https://example.com/x' });
    expect(linkPieces('https://en.wikipedia.org/wiki/Lock_(security)')[0]).toMatchObject({ text: 'https://en.wikipedia.org/wiki/Lock_(security)' });
    expect(linkPieces('打开https://example.com/a，然后登录')).toEqual([
      { kind: 'text', text: '打开' },
      { kind: 'link', text: 'https://example.com/a', href: 'https://example.com/a' },
      { kind: 'text', text: '，然后登录' },
    ]);
  });
});

describe('mentions in message text', () => {
  const people = [
    { memberId: 'm-li', name: 'Li' },
    { memberId: 'm-lilei', name: 'Li Lei' },
    { memberId: 'm-wang', name: '王芳' },
  ];

  it('marks @names of the people mentioned, the longest name first', () => {
    expect(messagePieces('@Li Lei and @王芳 please look', people)).toEqual([
      { kind: 'mention', text: '@Li Lei', memberId: 'm-lilei' },
      { kind: 'text', text: ' and ' },
      { kind: 'mention', text: '@王芳', memberId: 'm-wang' },
      { kind: 'text', text: ' please look' },
    ]);
  });

  it('leaves an @ of someone not mentioned, and e-mail addresses, as text', () => {
    expect(messagePieces('@Zhang mail li@example.com', people)).toEqual([{ kind: 'text', text: '@Zhang mail li@example.com' }]);
    expect(messagePieces('@Li', [])).toEqual([{ kind: 'text', text: '@Li' }]);
  });
});
