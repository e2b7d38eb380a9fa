import { InputError } from '../../src/errors/input-error';
import { afsTime, AfsFields, appendSnippetToHtml, buildAfsSnippet, validateAfsAddress } from '../../src/afs/snippet';
import documentedExample from '../fixtures/trustpilot/afs-snippet-documented.json';

const OPENING = '<script type="application/json+trustpilot">';
const MINIMAL: AfsFields = { recipientEmail: 'jane@example.com', recipientName: 'Jane Doe', referenceId: 'OPP-42' };

/**
 * What an HTML parser would treat as the script's text: everything from the opening tag up to the FIRST
 * `</script` (any case). If customer text could end the element early, this would be shorter than intended.
 */
function scriptText(html: string): string {
  const start = html.indexOf(OPENING);
  expect(start).toBeGreaterThanOrEqual(0);
  const contentStart = start + OPENING.length;
  const end = html.toLowerCase().indexOf('</script', contentStart);
  expect(end).toBeGreaterThan(contentStart);
  return html.slice(contentStart, end);
}

function snippetData(snippet: string): Record<string, unknown> {
  expect(snippet.startsWith(OPENING)).toBe(true);
  const text = scriptText(snippet);
  // The element ends exactly where the snippet ends: nothing inside closed it early.
  expect(snippet.slice(OPENING.length + text.length)).toBe('</script>');
  return JSON.parse(text);
}

describe('buildAfsSnippet', () => {
  it('renders the minimal fields and nothing else', () => {
    const snippet = buildAfsSnippet(MINIMAL);
    expect(snippet).toBe(
      `${OPENING}\n{\n  "recipientEmail": "jane@example.com",\n  "recipientName": "Jane Doe",\n  "referenceId": "OPP-42"\n}\n</script>`,
    );
    expect(snippetData(snippet)).toEqual(MINIMAL);
  });

  it('renders Trustpilot’s documented example exactly: same keys, same order, times without an offset, products as objects', () => {
    // Support article 221618467, "Add a structured data snippet for Automatic Feedback Service".
    const documented = documentedExample as AfsFields;
    // Shuffle the input order to show the output order does not depend on it.
    const shuffled = Object.fromEntries(Object.entries(documented).reverse()) as unknown as AfsFields;
    const data = snippetData(buildAfsSnippet(shuffled));
    expect(data).toEqual(documentedExample);
    expect(Object.keys(data)).toEqual(Object.keys(documentedExample));
    expect(JSON.stringify(data)).not.toContain('productSkus');
  });

  it('writes send times as UTC without an offset', () => {
    expect(afsTime('2018-12-15T13:30:00Z')).toBe('2018-12-15T13:30:00');
    expect(afsTime(new Date('2018-12-15T14:30:00.999+01:00'))).toBe('2018-12-15T13:30:00');
  });

  it('leaves out blank optionals and empty lists', () => {
    const data = snippetData(buildAfsSnippet({ ...MINIMAL, templateId: '', senderName: '  ', tags: [], products: [] }));
    expect(data).toEqual(MINIMAL);
  });

  it.each([
    ['recipientEmail', 'consumer_email'],
    ['recipientName', 'consumer_name'],
    ['referenceId', 'reference_number'],
  ])('requires %s and names %s', (key, field) => {
    try {
      buildAfsSnippet({ ...MINIMAL, [key]: ' ' });
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
    }
  });

  const hostile = [
    ['a script break-out', '</script><script>alert(1)</script>'],
    ['an upper-case break-out', '</SCRIPT ><img src=x onerror=alert(1)>'],
    ['a comment opener', '<!-- hidden'],
    ['a comment closer', 'end -->'],
    ['an old-style script-data escape', '<!--<script>'],
    ['quotes and backslashes', 'Jane "JJ" O\'Neil \\ the "best"'],
    ['an ampersand entity', 'Tom &amp; Jerry &lt;3'],
    ['emoji', 'Zoë 🌟👩🏽‍💻'],
    ['Arabic', 'محمد العربي'],
    ['Hebrew with a right-to-left mark', 'שׂרה כהן\u200F'],
    ['line and paragraph separators', 'line\u2028break\u2029para'],
    ['control characters', 'tab\there\nnewline\u0000nul'],
  ];

  it.each(hostile)('keeps %s inside the element and round-trips it', (_, text) => {
    const fields: AfsFields = { ...MINIMAL, recipientName: text, referenceId: `ref-${text}`, senderName: text, tags: [text] };
    const snippet = buildAfsSnippet(fields);
    const inner = scriptText(snippet);
    expect(inner).not.toMatch(/[<>&\u2028\u2029]/);
    expect(inner.toLowerCase()).not.toContain('</script');
    expect(inner).not.toContain('<!--');
    expect(inner).not.toContain('-->');

    const data = snippetData(snippet);
    expect(data.recipientName).toBe(text);
    expect(data.referenceId).toBe(`ref-${text}`);
    expect(data.senderName).toBe(text);
    expect(data.tags).toEqual([text]);
  });

  it('still cannot be broken out of once placed in a full email body', () => {
    const snippet = buildAfsSnippet({ ...MINIMAL, recipientName: '</script><script>alert(1)</script>' });
    const html = appendSnippetToHtml('<html><body><p>Thanks!</p></body></html>', snippet);
    expect(JSON.parse(scriptText(html)).recipientName).toBe('</script><script>alert(1)</script>');
    expect(html.match(/<script/gi)).toHaveLength(1);
  });
});

describe('appendSnippetToHtml', () => {
  const snippet = buildAfsSnippet(MINIMAL);

  it('inserts the snippet before </body>', () => {
    expect(appendSnippetToHtml('<html><body><p>Hi</p></body></html>', snippet)).toBe(
      `<html><body><p>Hi</p>${snippet}\n</body></html>`,
    );
  });

  it('uses the last </body>, in any case and with inner whitespace', () => {
    const body = '<html><BODY><p>literal &lt;/body&gt; and </body></p></Body >\n</html>';
    const html = appendSnippetToHtml(body, snippet);
    expect(html).toBe(`<html><BODY><p>literal &lt;/body&gt; and </body></p>${snippet}\n</Body >\n</html>`);
  });

  it('appends to a fragment with no </body>', () => {
    expect(appendSnippetToHtml('<p>Thanks for your order</p>', snippet)).toBe(`<p>Thanks for your order</p>\n${snippet}\n`);
    expect(appendSnippetToHtml('<p>Thanks</p>\n', snippet)).toBe(`<p>Thanks</p>\n${snippet}\n`);
  });

  it.each([undefined, '', '   \n'])('wraps the snippet in a minimal HTML email when the body is %p', (body) => {
    const html = appendSnippetToHtml(body, snippet);
    expect(html.startsWith('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html).toContain(`<body>\n${snippet}\n</body>\n</html>`);
    expect(html.match(/<html>/g)).toHaveLength(1);
    expect(JSON.parse(scriptText(html))).toEqual(MINIMAL);
  });
});

describe('validateAfsAddress', () => {
  it.each([
    ['youfibre.com+13b321b241@invite.trustpilot.com', 'youfibre.com+13b321b241@invite.trustpilot.com'],
    [' digimoov.fr+25e168c414@INVITE.Trustpilot.COM ', 'digimoov.fr+25e168c414@invite.trustpilot.com'],
    // The documented-by-observation shape is not required: Trustpilot could change it.
    ['shop-7f@invite.trustpilot.com', 'shop-7f@invite.trustpilot.com'],
  ])('accepts %p', (address, normalised) => {
    expect(validateAfsAddress(address)).toBe(normalised);
  });

  it.each([
    'youfibre.com+13b321b241@trustpilot.com',
    'youfibre.com+13b321b241@invite.trustpilot.com.evil.example',
    'someone@gmail.com',
    'invite.trustpilot.com@example.com',
  ])('rejects the other domain %p and says where to find the address', (address) => {
    try {
      validateAfsAddress(address);
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe('afs_address');
      expect((error as Error).message).toMatch(/must end in @invite\.trustpilot\.com/);
      expect((error as Error).message).toContain('Trustpilot Business → Get reviews → Automatic Feedback Service');
    }
  });

  it.each(['', 'invite.trustpilot.com', '@invite.trustpilot.com', 'two words@invite.trustpilot.com', 'a@@invite.trustpilot.com'])(
    'rejects the malformed address %p',
    (address) => {
      expect(() => validateAfsAddress(address, 'bcc_address')).toThrow(
        /^AFS BCC Address: must be your Automatic Feedback Service address.*Get reviews → Automatic Feedback Service\.$/,
      );
    },
  );
});
