// Text from users and documents is shown back inside Discord markdown. Escaping keeps it from
// formatting the message, and neutralising mentions keeps it from ever looking like a ping or a
// link, even where allowedMentions would already stop the notification.
//
// Not discord.js's escapeMarkdown: its look-behinds rescan the text before every position, so it
// is quadratic in the text's length — profiled at a third of the bot's own main-thread time per
// answer (BENCHMARKS.md, Discord section). Every pattern here is linear.

/** Zero-width space: breaks Discord's mention and link syntax while looking unchanged. */
const BREAK = '\u200b';

/** Bare links stay clickable: their characters are not escaped (a backslash would end the link). */
const bareLink = /\bhttps?:\/\/[^\s<>]+/gi;
/** Characters that format anywhere: emphasis, strike, code, spoilers, and the escape itself. */
const inlineMarkup = /[\\*_~`|]/g;
/** Syntax that formats only at a line's start: quotes, headings, subtext, list items. */
const lineStartMarkup = /^(\s*)(>|#{1,3}(?=\s)|-(?=\s|#)|\+(?=\s)|\d+(?=\.\s))/gm;

/** Mention and masked-link syntax, made inert. Markdown is left as it is. */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${BREAK}$1`)
    .replace(/<(@[!&]?|#)/g, `<$1${BREAK}`)
    .replace(/\]\(/g, `]${BREAK}(`);
}

function escapeMarkup(text: string): string {
  const inline = text.replace(inlineMarkup, '\\$&');
  // A numbered item is escaped at its dot ("1\. first"), everything else before its marker.
  return inline.replace(lineStartMarkup, (_match, lead: string, marker: string) => (/^\d/.test(marker) ? `${lead}${marker}\\` : `${lead}\\${marker}`));
}

/** Text shown verbatim: markdown escaped (bare links left whole), mentions and masked links neutralised. */
export function escapeDiscordText(text: string): string {
  let escaped = '';
  let cursor = 0;
  for (const link of text.matchAll(bareLink)) {
    escaped += escapeMarkup(text.slice(cursor, link.index)) + link[0];
    cursor = link.index + link[0].length;
  }
  escaped += escapeMarkup(text.slice(cursor));
  return neutraliseMentions(escaped);
}
