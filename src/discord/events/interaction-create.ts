// Slash commands, autocomplete and button clicks → their handlers, each failure contained.
import type { Interaction } from 'discord.js';
import { commandsByName } from '../commands/index.js';
import { handleButton, handleModal } from '../components/index.js';
import type { BotContext } from '../context.js';
import { reportInteractionFailure } from '../failures.js';
import { renderNotice } from '../render/notice.js';
import { respond } from '../send.js';
import { measuringState } from '../state-timing.js';

export function createInteractionHandler(context: BotContext): (interaction: Interaction) => Promise<void> {
  const commands = commandsByName();
  const { logger } = context;
  return async (interaction) => {
    const startedAtMs = Date.now();
    const use = await measuringState(() => handle(interaction, startedAtMs));
    if (!interaction.isAutocomplete()) context.onInteractionHandled?.({ ms: Date.now() - startedAtMs, ...use });
  };

  async function handle(interaction: Interaction, startedAtMs: number): Promise<void> {
    if (interaction.isChatInputCommand()) {
      const action = `/${interaction.commandName}`;
      try {
        const command = commands.get(interaction.commandName);
        if (command) await command.execute(interaction, context);
        else await respond(interaction, renderNotice('I no longer know that command; the command list will refresh soon.'), { ephemeral: true });
      } catch (error) {
        await reportInteractionFailure(interaction, error, logger, action);
      }
      logger.debug({ action, userId: interaction.user.id, ms: Date.now() - startedAtMs }, 'command handled');
    } else if (interaction.isAutocomplete()) {
      try {
        await commands.get(interaction.commandName)?.autocomplete?.(interaction, context);
      } catch (error) {
        // Autocomplete has no way to show an error; an empty list is what the user sees.
        logger.warn({ err: error, action: `/${interaction.commandName} autocomplete`, userId: interaction.user.id, guildId: interaction.guildId }, 'autocomplete failed');
      }
    } else if (interaction.isButton()) {
      const action = `button ${interaction.customId}`;
      try {
        await handleButton(interaction, context);
      } catch (error) {
        await reportInteractionFailure(interaction, error, logger, action);
      }
      logger.debug({ action, userId: interaction.user.id, ms: Date.now() - startedAtMs }, 'button handled');
    } else if (interaction.isModalSubmit()) {
      const action = `form ${interaction.customId}`;
      try {
        await handleModal(interaction, context);
      } catch (error) {
        await reportInteractionFailure(interaction, error, logger, action);
      }
      logger.debug({ action, userId: interaction.user.id, ms: Date.now() - startedAtMs }, 'form handled');
    }
  }
}
