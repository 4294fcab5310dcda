// Whose state an interaction touches, and whose message a button is on.
import type { MessageComponentInteraction, RepliableInteraction } from 'discord.js';
import { scopeOf, type Scope } from '../../state/index.js';

/** The interaction's server, or the user's own DM scope. */
export function scopeFor(interaction: RepliableInteraction): Scope {
  return scopeOf({ guildId: interaction.guildId, userId: interaction.user.id });
}

/** The user whose command produced the clicked message (undefined for messages the bot posted on its own). */
export function messageOwner(interaction: MessageComponentInteraction): string | undefined {
  return interaction.message.interactionMetadata?.user.id;
}
