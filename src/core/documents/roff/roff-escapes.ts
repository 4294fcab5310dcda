// roff's inline escapes → the characters they print. Font changes, sizes, motions and
// zero-width marks print nothing; named glyphs ("\(em", "\[lq]") are the characters they name;
// "\-" is a hyphen. Unknown glyph names print nothing rather than a stray code.

/** Glyph names manual pages use (groff_char(7)), by what they print. */
const GLYPHS: Record<string, string> = {
  em: '—', en: '–', hy: '-', mi: '-', aq: "'", dq: '"', lq: '“', rq: '”', oq: '‘', cq: '’', bu: '•', co: '©', rg: '®', tm: '™',
  mu: '×', di: '÷', de: '°', '>=': '≥', '<=': '≤', '!=': '≠', '+-': '±', '->': '→', '<-': '←', '<>': '↔', '==': '≡', ba: '|', br: '|',
  rs: '\\', sl: '/', ti: '~', ha: '^', ga: '`', aa: '´', ul: '_', sq: '□', ps: '¶', sc: '§', dg: '†', lA: '⇐', rA: '⇒', Fo: '«', Fc: '»',
  fo: '‹', fc: '›', at: '@', sh: '#', Do: '$', Eu: '€', eu: '€', Po: '£', Ye: '¥', ct: '¢', ss: 'ß', 'oe': 'œ', 'ae': 'æ',
};
/** Accented letters as groff names them: "'e" é, ":u" ü, "`a" à, "^o" ô, "~n" ñ, ",c" ç. */
const ACCENTS: Record<string, string> = { "'": '\u0301', '`': '\u0300', ':': '\u0308', '^': '\u0302', '~': '\u0303', ',': '\u0327' };
/** Predefined strings of the man and mdoc macros ("\*(lq", "\*R"), and pod2man's apostrophe; a page's own `.ds` come first. */
const STRINGS: Record<string, string> = { lq: '“', rq: '”', R: '®', Tm: '™', S: '', B: '', I: '', Aq: "'" };

function glyph(name: string): string {
  const known = GLYPHS[name];
  if (known !== undefined) return known;
  const accent = name.length === 2 ? ACCENTS[name[0] ?? ''] : undefined;
  if (accent && name[1]) return (name[1] + accent).normalize('NFC');
  const unicode = /^u([0-9A-Fa-f]{4,6})$/.exec(name);
  return unicode?.[1] ? String.fromCodePoint(Number.parseInt(unicode[1], 16)) : '';
}

/** An escape's name after "\(" (two characters), "\[" (to "]") or one character. */
function readName(text: string, at: number): { name: string; end: number } {
  if (text[at] === '(') return { name: text.slice(at + 1, at + 3), end: at + 3 };
  if (text[at] === '[') {
    const close = text.indexOf(']', at);
    return close < 0 ? { name: '', end: text.length } : { name: text.slice(at + 1, close), end: close + 1 };
  }
  return { name: text[at] ?? '', end: at + 1 };
}

/** A quoted argument: "\w'text'", "\h'1i'", "\N'34'". */
function skipQuoted(text: string, at: number): number {
  const quote = text[at];
  if (!quote) return at;
  const close = text.indexOf(quote, at + 1);
  return close < 0 ? text.length : close + 1;
}

/** What `\c` leaves in the text: the next line joins this one with no space (a private-use character the caller removes). */
export const JOIN_NEXT = '\uE000';

/** One line of roff text → what it prints; `\c` becomes JOIN_NEXT. */
export function unescapeRoff(text: string, strings?: ReadonlyMap<string, string>): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = text[i + 1];
    i += 1;
    switch (e) {
      case undefined:
        break;
      case '"': // a comment to the end of the line
        return out.replace(/\s+$/, '');
      case '-':
        out += '-';
        break;
      case 'e':
      case '\\':
        out += '\\';
        break;
      case ' ':
      case '~':
      case '0':
        out += ' ';
        break;
      case '&': case '|': case '^': case '%': case ':': case '/': case ',': case ')': case '{': case '}':
        break;
      case 'c':
        out += JOIN_NEXT;
        break;
      case '(':
      case '[': {
        const { name, end } = readName(text, i);
        out += glyph(name);
        i = end - 1;
        break;
      }
      case '*': {
        const { name, end } = readName(text, i + 1);
        out += strings?.get(name) ?? STRINGS[name] ?? '';
        i = end - 1;
        break;
      }
      case 'f': case 'F': case 'n': case 'g': case 'k': case 'm': case 'M': case 'Y': case 'V': {
        // Font, register, colour: a name, printing nothing.
        i = readName(text, i + 1).end - 1;
        break;
      }
      case 's': {
        // Size: "\s-1", "\s+2", "\s0", "\s(12", "\s[12]".
        const size = /^[-+]?(?:\d{1,2}|\(\d\d|\[[^\]]*\])/.exec(text.slice(i + 1));
        i += size ? size[0].length : 0;
        break;
      }
      case 'w': case 'h': case 'v': case 'N': case 'o': case 'b': case 'x': case 'l': case 'L': case 'D': case 'X': case 'Z': case 'A': case 'B': case 'R': {
        i = skipQuoted(text, i + 1) - 1;
        break;
      }
      default:
        out += e; // "\." and other literals print themselves
    }
  }
  return out;
}
