import { describe, expect, it } from 'vitest';
import { sanitizeOutput } from '../../src/ui/sanitize.js';

// The sink keeps lines and mx-iav's own colours, and nothing else a server could have put in the text.
describe('sanitizeOutput', () => {
  it('keeps line breaks and the colours mx-iav paints', () => {
    expect(sanitizeOutput('\u001b[32m✔\u001b[39m ok\n\u001b[1mbold\u001b[22m')).toBe('\u001b[32m✔\u001b[39m ok\n\u001b[1mbold\u001b[22m');
  });

  it('drops every other sequence: screen clears, titles, links, concealed text, carriage returns, marker look-alikes', () => {
    const hostile = 'a\u001b[2J\u001b]0;t\u0007\u001b]8;;https://x\u0007b\u001b]8;;\u0007\u001b[8mc\u001b[41md\re\u001b[0m\ue0000\ue000';
    expect(sanitizeOutput(hostile)).toBe('abcd e\u001b[0m0');
  });
});
