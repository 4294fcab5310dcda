// The answer to a click whose server-side state is gone (evicted, expired or from before a restart).
import type { ButtonInteraction } from 'discord.js';
import { renderNotice } from '../render/notice.js';
import { respond } from '../send.js';

export const expiredText = 'This question has expired — please ask it again with /ask.';

export async function answerExpired(interaction: ButtonInteraction): Promise<void> {
  await respond(interaction, renderNotice(expiredText), { ephemeral: true });
}
