import { describe, expect, it } from 'vitest';
import { html, raw } from '../../console/html.js';

describe("the console's html template", () => {
  it('escapes every value unless it is a fragment, joins arrays and writes nothing for absent values', () => {
    const name = '<script>alert("x")</script> & \'co\'';
    const rows = ['a<b', 'c'].map((cell) => html`<td>${cell}</td>`);
    const page = html`<p title="${name}">${name}</p><tr>${rows}</tr>${null}${undefined}${false}${0}${raw('<br>')}`;
    expect(page.toString()).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p><tr><td>a&lt;b</td><td>c</td></tr>0<br>',
    );
  });
});
