// Other languages, lexically: diacritics folded, unspaced scripts split into words, and English
// stemming kept away from text that is not English.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../../src/core/documents/build-document.js';
import { terms, termOf, words } from '../../../src/core/text/analyze.js';
import { detectLanguage, ENGLISH_MARKERS, ENGLISH_MIN_SHARE } from '../../../src/core/text/language.js';

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

  it("tells English from other text as a count over words() would, mixed scripts included", () => {
    // The reference: the share of marker words among words() (segmented Chinese, folded Latin).
    const byWords = (text: string) => {
      const all = words(text);
      return all.length === 0 || all.filter((w) => ENGLISH_MARKERS.has(w)).length / all.length >= ENGLISH_MIN_SHARE ? 'en' : 'other';
    };
    const english = "It's the market that opens on Fridays, and the stalls are rented by the month at 27.50 each. ";
    const chinese = '地铁每天早上六点开始运营，晚上十一点停止运营。城市公园的总面积为八十六公顷。';
    const spanish = 'Los puestos del mercado abren los viernes por la tarde; las pescaderías y las fruterías también. ';
    for (const text of [english, chinese, spanish, english + chinese, chinese.repeat(8) + english, spanish + english, english.repeat(3) + chinese.repeat(2), '27.50 14:02 2024']) {
      expect(detectLanguage(text), text).toBe(byWords(text));
    }
    expect(detectLanguage(english + chinese)).toBe('en');
    expect(detectLanguage(chinese.repeat(8) + english)).toBe('other');
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
