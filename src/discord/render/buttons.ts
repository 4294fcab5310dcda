// Buttons from actions, packed into rows of at most five.
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { encodeCustomId, type ComponentAction } from '../custom-ids.js';
import { discordLimits } from '../limits.js';
import type { MessageView } from './view.js';
import { truncateText } from './text.js';

export interface ButtonSpec {
  action: ComponentAction;
  label: string;
  emoji?: string;
  disabled?: boolean;
  primary?: boolean;
}

/** A button, or undefined when its action does not fit in a custom id. */
export function buildButton(spec: ButtonSpec): ButtonBuilder | undefined {
  const customId = encodeCustomId(spec.action);
  if (!customId) return undefined;
  const button = new ButtonBuilder()
    .setCustomId(customId)
    .setLabel(truncateText(spec.label, discordLimits.buttonLabelChars))
    .setStyle(spec.primary ? ButtonStyle.Primary : ButtonStyle.Secondary)
    .setDisabled(spec.disabled ?? false);
  if (spec.emoji) button.setEmoji(spec.emoji);
  return button;
}

/** Rows of buttons (groups start new rows), skipping buttons that could not be built. */
export function buttonRows(groups: readonly (readonly ButtonSpec[])[]): MessageView['components'] {
  const rows: MessageView['components'] = [];
  for (const group of groups) {
    const buttons = group.map(buildButton).filter((button): button is ButtonBuilder => button !== undefined);
    for (let i = 0; i < buttons.length && rows.length < discordLimits.actionRowsPerMessage; i += discordLimits.buttonsPerRow) {
      rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + discordLimits.buttonsPerRow)).toJSON());
    }
  }
  return rows;
}
