// The verbatim guarantee, as a property over generated documents: hard-wrapped prose whose lines
// begin with any word (including the words boilerplate widgets begin with: "Copyright", "See
// also", "Tags:", "Subscribe", angle-bracketed placeholders and URLs) loses no sentence in
// cleaning; only a standalone boilerplate block may go. And every chunk, and every excerpt made
// from it, is a verbatim slice of its cleaned document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toExcerpt } from '../../../src/core/answer/excerpts.js';
import { Catalogue } from '../../../src/core/catalogue.js';
import { chunkDocument } from '../../../src/core/chunks/chunk.js';
import { buildDocument } from '../../../src/core/documents/build-document.js';
import { isBoilerplateLine } from '../../../src/core/documents/clean.js';
import { LexicalIndex } from '../../../src/core/index/bm25-index.js';
import { chunkTermsOf } from '../../../src/core/index/chunk-terms.js';
import type { IndexData } from '../../../src/core/index/generations.js';
import { analyzeQuery } from '../../../src/core/retrieval/query.js';
import { DEFAULT_ANSWER, DEFAULT_CHUNKER } from '../../../src/core/settings.js';

// Words that open boilerplate widgets, placeholders and links, mixed with ordinary prose words.
const TRICKY = ['Copyright', 'copyright', 'See', 'see', 'also', 'more', 'Tags:', 'Tag:', 'Subscribe', 'subscribe', 'Read', 'Follow', 'us', 'Click', 'here', '©', 'Share', 'Home', 'Menu', 'comments', 'closed', 'All', 'rights', 'reserved', '<https://example.org/terms>', '<name of author>', '<year>', '<one line to give the program>', 'https://example.com/a?b=1', 'A<B', 'x>y'];
const PLAIN = ['holder', 'license', 'notice', 'the', 'violation', 'cure', 'days', 'after', 'prior', 'receipt', 'program', 'work', 'you', 'and', 'of', 'a', 'to', 'within', 'reasonable', 'means', 'permanently', 'reinstated', 'party', 'terms', 'conditions', 'library', 'river', 'council'];

const word = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...TRICKY) }, { weight: 3, arbitrary: fc.constantFrom(...PLAIN) });
const sentence = fc.array(word, { minLength: 2, maxLength: 14 }).map((words) => `${words.join(' ')}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 5 });
const boilerplate = fc.constantFrom('Read more: Another story entirely', 'Share this article', 'Copyright 2024 Example Press', 'Tags: licence, terms', 'Subscribe to our newsletter', 'See also: related notes', '© Example Press', 'Comments are closed');
const block = fc.oneof({ weight: 4, arbitrary: paragraph.map((sentences) => ({ kind: 'prose' as const, sentences })) }, { weight: 1, arbitrary: boilerplate.map((line) => ({ kind: 'boilerplate' as const, line })) });
const documentShape = fc.record({ blocks: fc.array(block, { minLength: 1, maxLength: 8 }), width: fc.integer({ min: 24, max: 80 }) });

/** Greedy hard wrap, as editors and licence files do it. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else {
      line = line ? `${line} ${w}` : w;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length + 2;

type Shape = { blocks: Array<{ kind: 'prose'; sentences: string[] } | { kind: 'boilerplate'; line: string }>; width: number };

function source(shape: Shape): string {
  const body = shape.blocks.map((b) => (b.kind === 'prose' ? wrap(b.sentences.join(' '), shape.width) : b.line));
  return ['A Generated Licence Text', ...body].join('\n\n');
}

describe('the verbatim guarantee', () => {
  it('keeps every sentence of hard-wrapped prose; only standalone boilerplate blocks go', () => {
    fc.assert(
      fc.property(documentShape, (shape) => {
        const raw = source(shape);
        const cleaned = squash(buildDocument('generated.txt', raw, 'h').text);
        for (const b of shape.blocks) {
          if (b.kind === 'boilerplate') continue;
          const wrapped = wrap(b.sentences.join(' '), shape.width);
          // A one-line prose block that reads like a widget is a standalone boilerplate block.
          if (!wrapped.includes('\n') && isBoilerplateLine(wrapped)) continue;
          for (const s of b.sentences) expect(cleaned).toContain(squash(s));
        }
        for (const b of shape.blocks) if (b.kind === 'boilerplate') expect(cleaned).not.toContain(b.line);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the GPL line that began with "copyright holder" (the reported misquote)', () => {
    const raw = 'Termination\n\nMoreover, your license from a particular copyright holder is reinstated permanently if the\ncopyright holder notifies you of the violation by some reasonable means, this is the first time\nyou have received notice of violation of this License (for any work) from that\ncopyright holder, and you cure the violation prior to 30 days after\nyour receipt of the notice.\n\n    <one line to give the program\'s name and a brief idea of what it does.>\n    Copyright (C) <year>  <name of author>';
    const text = squash(buildDocument('gpl.txt', raw, 'h').text);
    expect(text).toContain('from that copyright holder, and you cure the violation prior to 30 days after your receipt of the notice.');
    expect(text).toContain("<one line to give the program's name and a brief idea of what it does.> Copyright (C) <year> <name of author>");
  });

  it('makes every chunk and every excerpt a verbatim slice of its cleaned document', () => {
    fc.assert(
      fc.property(documentShape, fc.constantFrom(...PLAIN), (shape, queryWord) => {
        const doc = buildDocument('generated.txt', source(shape), 'h');
        const chunks = chunkDocument(doc, wordCount, { ...DEFAULT_CHUNKER, maxTokens: 40, targetTokens: 30 });
        for (const chunk of chunks) {
          expect(chunk.text).toBe(doc.text.slice(chunk.charStart, chunk.charEnd));
          for (const s of chunk.sentences) expect(doc.text).toContain(chunk.text.slice(s.start, s.end));
        }
        if (chunks.length === 0) return;
        const lexical = LexicalIndex.build(chunks.map((c, id) => ({ id, text: c.text, title: doc.title, heading: c.heading ?? '', language: doc.language })));
        const index = { documents: [doc], chunks, chunkTerms: chunkTermsOf(chunks, [doc]), lexical, acronyms: {} } as unknown as IndexData;
        const catalogue = new Catalogue(index);
        const query = analyzeQuery(`what about the ${queryWord}`, {}, lexical);
        chunks.forEach((_, label) => {
          const excerpt = toExcerpt(index, catalogue, { label, score: 1, lexical: 1, dense: 0.5 }, query, 1, DEFAULT_ANSWER);
          expect(doc.text).toContain(excerpt.text);
          for (const h of excerpt.highlights) expect(doc.text).toContain(excerpt.text.slice(h.start, h.end));
        });
      }),
      { numRuns: 150 },
    );
  });
});
