// Text from users and documents is shown back inside Discord markdown. Escaping keeps it from
// formatting the message, and neutralising mentions keeps it from ever looking like a ping or a
// link, even where allowedMentions would already stop the notification.
import { escapeMarkdown } from 'discord.js';

/** Zero-width space: breaks Discord's mention and link syntax while looking unchanged. */
const BREAK = '\u200b';

/** Mention and masked-link syntax, made inert. Markdown is left as it is. */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${BREAK}$1`)
    .replace(/<(@[!&]?|#)/g, `<$1${BREAK}`)
    .replace(/\]\(/g, `]${BREAK}(`);
}

/** Text shown verbatim: markdown escaped, mentions and masked links neutralised. */
export function escapeDiscordText(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return neutraliseMentions(escaped);
}
