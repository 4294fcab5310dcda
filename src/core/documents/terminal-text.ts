// Text saved from a terminal keeps the terminal's formatting codes; only what was printed is text.

/**
 * A terminal's formatting in text saved from one (nroff/groff output, `script` logs): overstrike
 * bold "N\bN" and underline "_\bN" (backspace, then the character printed over), SGR colour and
 * weight codes, and OSC 8 hyperlinks. Only the characters printed last are text.
 */
/* eslint-disable no-control-regex -- terminal codes are control characters by definition */
const OVERSTRUCK = /[^\n]\x08/gu;
const SGR = /\x1b\[[0-9;:]*m/g;
const HYPERLINK = /\x1b\]8;[^\x07\x1b]*(?:\x07|\x1b\\)/g;
/* eslint-enable no-control-regex */

export function removeTerminalFormatting(text: string): string {
  return text.includes('\x08') || text.includes('\x1b') ? text.replace(OVERSTRUCK, '').replace(SGR, '').replace(HYPERLINK, '') : text;
}
