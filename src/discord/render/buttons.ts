// Buttons from actions, packed into rows of at most five.
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, ComponentType } from 'discord.js';
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

/**
 * A button, or undefined when its action does not fit in a custom id. Written as the API's data
 * rather than through the builder's setters: each setter re-validates its value (setEmoji parses
 * the emoji against a union of schemas that builds and discards error objects), which was a third
 * of rendering an answer on the main thread (profiled under 200 concurrent /ask). The values fit
 * by construction: the custom id is checked by encodeCustomId, the label cut to Discord's limit,
 * and every emoji is a Unicode literal in the renderers.
 */
export function buildButton(spec: ButtonSpec): ButtonBuilder | undefined {
  const customId = encodeCustomId(spec.action);
  if (!customId) return undefined;
  return new ButtonBuilder({
    type: ComponentType.Button,
    custom_id: customId,
    label: truncateText(spec.label, discordLimits.buttonLabelChars),
    style: spec.primary ? ButtonStyle.Primary : ButtonStyle.Secondary,
    disabled: spec.disabled ?? false,
    ...(spec.emoji ? { emoji: { name: spec.emoji } } : {}),
  });
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
