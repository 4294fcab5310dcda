// A bigger corpus for build throughput: each document of corpus/ copied with small, seeded edits
// (some numbers shifted, two adjacent paragraphs swapped, a short note closing every paragraph),
// so every copy has its own content hash and every chunk its own text — the build embeds each
// distinct text once, so verbatim-repeated passages would make the corpus look smaller than it is.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRandom } from './random.js';

export async function writeSyntheticCorpus(sourceDir: string, targetDir: string, copies: number, seed = 7): Promise<number> {
  const random = seededRandom(seed);
  await mkdir(targetDir, { recursive: true });
  const files = (await readdir(sourceDir)).filter((f) => !f.startsWith('.')).sort();
  let written = 0;
  for (const file of files) {
    const original = await readFile(path.join(sourceDir, file), 'utf8');
    const ext = path.extname(file);
    const stem = file.slice(0, file.length - ext.length);
    for (let copy = 0; copy < copies; copy++) {
      const text = copy === 0 ? original : editedCopy(original, copy, random.next);
      await writeFile(path.join(targetDir, copy === 0 ? file : `${stem}_copy${copy}${ext}`), text);
      written++;
    }
  }
  return written;
}

function editedCopy(text: string, copy: number, next: () => number): string {
  const shifted = text.replace(/\b\d+\b/g, (n) => (next() < 0.3 ? String(Number(n) + copy) : n));
  const blocks = shifted.split(/\n\s*\n/);
  // Leave the first blocks (title, dateline) in place so metadata extraction sees the same shape.
  if (blocks.length > 6) {
    const i = 3 + Math.floor(next() * (blocks.length - 5));
    const a = blocks[i];
    const b = blocks[i + 1];
    if (a !== undefined && b !== undefined) {
      blocks[i] = b;
      blocks[i + 1] = a;
    }
  }
  // Prose paragraphs only: title, heading and dateline lines stay as they are for metadata extraction.
  const noted = blocks.map((block, i) => (i > 0 && block.trim().length >= 80 && /[.!?"”]\s*$/.test(block) ? `${block.trimEnd()} (Archive copy ${copy}.)` : block));
  return `${noted.join('\n\n')}\n\nThis is archive copy ${copy} of the article.\n`;
}
