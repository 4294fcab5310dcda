// A short plain-text message (errors, cooldowns, validation), always within the content limit.
import { discordLimits } from '../limits.js';
import { truncateText } from './text.js';
import type { MessageView } from './view.js';

export function renderNotice(text: string): MessageView {
  return { content: truncateText(text, discordLimits.messageContentChars), embeds: [], components: [] };
}
