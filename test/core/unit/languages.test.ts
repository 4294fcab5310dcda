// Other languages, lexically: diacritics folded, unspaced scripts split into words, and English
// stemming kept away from text that is not English.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../../src/core/documents/build-document.js';
import { terms, termOf, words } from '../../../src/core/text/analyze.js';
import { detectLanguage } from '../../../src/core/text/language.js';

describe('languages', () => {
  it('folds diacritics, so a question typed without accents meets the text', () => {
    expect(words('¿Quién diseñó el edificio? Julián Echeverría')).toEqual(['quien', 'diseno', 'el', 'edificio', 'julian', 'echeverria']);
    expect(words('quien diseno el edificio')).toEqual(['quien', 'diseno', 'el', 'edificio']);
  });

  it('splits Chinese into words (it has no spaces), keeping Latin words and numbers among them', () => {
    const chinese = words('地铁每天早上六点开始运营，票价为2元。Metro line 1');
    expect(chinese.length).toBeGreaterThan(5);
    expect(chinese).toEqual(expect.arrayContaining(['地铁', '运营', '2', 'metro', 'line', '1']));
    expect(chinese.join('')).not.toMatch(/[，。]/);
  });

  it('applies no English stemming or spelling rules to other languages', () => {
    const spanish = 'Los puestos del mercado abren los viernes por la tarde; las pescaderías y las fruterías también.';
    expect(detectLanguage(spanish)).toBe('other');
    expect(terms(spanish, 'other')).toEqual(['puestos', 'mercado', 'abren', 'viernes', 'tarde', 'pescaderias', 'fruterias', 'tambien']);
    // The English analysis would have cut it ("puestos" → "puesto"): it is not used for Spanish text.
    expect(termOf('puestos', 'en')).not.toBe('puestos');
    expect(detectLanguage('The market opens on Fridays and the stalls are rented by the month.')).toBe('en');
    expect(detectLanguage('地铁每天早上六点开始运营，晚上十一点停止运营。')).toBe('other');
  });

  it('reads short Chinese paragraphs ending in 。 as paragraphs, not as section headings', () => {
    const text = '青川市地铁乘车指南\n\n地铁每天早上六点开始运营，晚上十一点停止运营。\n\n乘客不得在车厢内饮食。\n\n换乘须知\n\n换乘免费。';
    const document = buildDocument('ditie.txt', text, 'hash');
    const bodies = document.paragraphs.filter((p) => !p.isHeading).map((p) => p.text);
    expect(bodies).toHaveLength(3);
    expect(bodies[0]).toMatch(/^地铁每天/);
    expect(document.paragraphs.find((p) => p.text === '换乘免费。')?.heading).toBe('换乘须知');
  });
});
