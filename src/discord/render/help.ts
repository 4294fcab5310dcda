// /help and the reply to an empty mention: how to use the bot, in one short embed.
import { EmbedBuilder } from 'discord.js';
import { colours, type MessageView } from './view.js';

export interface HelpContext {
  documents: number;
  answerChannelIds: readonly string[];
}

export function renderHelp(context: HelpContext): MessageView {
  const lines = [
    `I answer questions from ${context.documents} documents by quoting them verbatim, with footnotes to the source.`,
    '',
    '**/ask** `question` — a cited answer (set `private` to see it alone). Buttons: more passages, show the source paragraph, 👍/👎.',
    '**/search** `query` — ranked passages without picking an answer; `document` narrows it to one document.',
    '**/scope** — limit a channel, a category or a thread to some collections of documents (Manage Server).',
    '**/documents list** — what I can quote. **/source** `document` `paragraph` — read a passage in full.',
    '**/documents add** `file` and **/documents remove** `document` — for members who manage the documents.',
    '**Mention me** with a question, or send me a direct message.',
    '',
    '**Study:** **/quiz** (fill the blank; `group:true` for a timed round in the channel) · **/leaderboard** · **/review** your cards when due · **/read** a document page by page · **Save** 🔖 any answer or passage, then **/bookmarks** · **/daily** a passage of the day (Manage Server).',
  ];
  if (context.answerChannelIds.length > 0) {
    lines.push(`In ${context.answerChannelIds.map((id) => `<#${id}>`).join(', ')} I answer new posts without a mention.`);
  }
  lines.push('', "If the documents don't hold the answer I say so instead of guessing.", '**/privacy** — what I store about you. **/insights** — what members ask and what the documents miss (Manage Server).');
  const embed = new EmbedBuilder().setColor(colours.answer).setTitle('Footnote — answers with sources').setDescription(lines.join('\n'));
  return { embeds: [embed.toJSON()], components: [] };
}

/** The reply to a mention with no question in it. */
export function renderMentionHint(): MessageView {
  return {
    content: 'Ask me a question after the mention — for example “@Footnote what is CPEC?” — or use **/ask**. **/help** shows everything I can do.',
    embeds: [],
    components: [],
  };
}
