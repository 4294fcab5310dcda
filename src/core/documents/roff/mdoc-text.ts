// mdoc(7)'s macros inside a line, as BSD-style manual pages call them: ".Op Fl l Ar level"
// prints "[-l level]". Used by the manual-page reader (man-blocks.ts) for every mdoc request.

/** mdoc macros that print nothing themselves but their arguments (".Nm ls", ".Pa /etc"). */
const MDOC_PLAIN = new Set(['Nm', 'Ar', 'Pa', 'Cm', 'Ev', 'Er', 'Va', 'Li', 'Ic', 'Em', 'Sy', 'Ad', 'An', 'Lk', 'Mt', 'Ms', 'Tn', 'Ux', 'Fa', 'Fn', 'Ft', 'Fd', 'Dv', 'Lb', 'In', 'Cd', 'St', 'At', 'Bx', 'Nx', 'Fx', 'Ox', 'Bsx', 'Dx', 'No', 'Ql', 'Aq', 'Bq', 'Brq']);

/** mdoc macros that enclose what follows them: what they open and close with. */
const ENCLOSING: Record<string, readonly [string, string]> = { Op: ['[', ']'], Oo: ['[', ''], Oc: ['', ']'], Dq: ['“', '”'], Sq: ['‘', '’'], Pq: ['(', ')'] };

/** A word that calls an mdoc macro inside a line (".Op Fl v" calls Fl). */
export function isMdocCall(word: string): boolean {
  return /^[A-Z][a-z]{1,2}$/.test(word) && (MDOC_PLAIN.has(word) || word in ENCLOSING || word === 'Fl' || word === 'Xr');
}

/** mdoc's callable macros inside a line: ".Op Fl l Ar level" → "[-l level]", ".Xr ls 1" → "ls(1)". */
export function mdocText(macro: string, args: string[]): string {
  const words: string[] = [];
  let glue = false;
  const push = (word: string) => {
    // Closing punctuation arguments (".Ar file ,") attach to the word before them, as does anything after "Ns".
    if ((glue || /^[.,:;)\]?!]+$/.test(word)) && words.length) words[words.length - 1] += word;
    else words.push(word);
    glue = false;
  };
  const walk = (name: string, list: string[]): void => {
    if (name === 'Xr' && list[0]) {
      push(list[1] && !isMdocCall(list[1]) ? `${list[0]}(${list[1]})` : list[0]);
      if (list.length > 2) walk('No', list.slice(2));
      return;
    }
    const [open, close] = ENCLOSING[name] ?? ['', ''];
    let prefix = name === 'Fl' ? '-' : open;
    for (let i = 0; i < list.length; i++) {
      const word = list[i] ?? '';
      if (word === 'Ns') {
        glue = true;
        continue;
      }
      if (isMdocCall(word)) {
        if (prefix) {
          push(prefix);
          glue = true;
        }
        prefix = '';
        walk(word, list.slice(i + 1));
        break;
      }
      push(prefix + word);
      prefix = '';
    }
    if (prefix) push(prefix);
    if (close && words.length) words[words.length - 1] += close;
  };
  walk(macro, args);
  return words.join(' ');
}
