// /quiz [document] [count] [kind] [collection] [group] [private] — items cut from the documents:
// a solo quiz (its buttons answer only for whoever ran it, and keep working across restarts), or a
// group round in the channel (everyone answers, a timer per item, first correct answers score).
import { randomBytes } from 'node:crypto';
import { ChannelType, SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { seedFrom } from '../../core/study/random.js';
import type { QuizMode, QuizResult } from '../../core/types.js';
import type { BotContext } from '../context.js';
import { documentChoices, resolveDocument } from '../documents-lookup.js';
import { renderNotice } from '../render/notice.js';
import { formatEchoedText } from '../render/question.js';
import { renderQuizItem } from '../render/quiz.js';
import type { MessageView } from '../render/view.js';
import { replyWhenReadyAs, respond } from '../send.js';
import { scopeFor } from '../study/interaction-scope.js';
import { sessionPayload } from '../study/stored-items.js';

const MAX_ITEMS = 10;

export const data = new SlashCommandBuilder()
  .setName('quiz')
  .setDescription('A quiz made from the documents: fill in the blank, with the source after each answer')
  .addStringOption((o) => o.setName('document').setDescription('Only from this document').setAutocomplete(true))
  .addIntegerOption((o) => o.setName('count').setDescription('How many questions').setMinValue(1).setMaxValue(MAX_ITEMS))
  .addStringOption((o) =>
    o.setName('kind').setDescription('Multiple choice, typed answers, or both').addChoices(
      { name: 'mixed', value: 'mixed' },
      { name: 'multiple choice', value: 'choice' },
      { name: 'type the answer', value: 'cloze' },
    ),
  )
  .addStringOption((o) => o.setName('collection').setDescription('Only documents in this folder, e.g. guides/').setMaxLength(100))
  .addBooleanOption((o) => o.setName('group').setDescription('A round for the whole channel, with a timer (multiple choice)'))
  .addBooleanOption((o) => o.setName('private').setDescription('Only you see your quiz'));

export function unavailableText(result: Extract<QuizResult, { ok: false }>, asked: number, what: string): string {
  if (result.reason === 'no-documents') return `There are no documents ${what} to make a quiz from.`;
  if (result.available === 0) return `The documents ${what} are too small for a quiz: I found no sentence to make a question from.`;
  return `The documents ${what} are too small for ${asked} questions: I could make ${result.available}. Try count:${result.available}.`;
}

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const documentInput = interaction.options.getString('document');
  const document = documentInput ? resolveDocument(context.engine, documentInput) : undefined;
  if (documentInput && !document) {
    await respond(interaction, renderNotice(`No document matches “${formatEchoedText(documentInput, 100)}”. Pick one from the list, or see /documents.`), { ephemeral: true });
    return;
  }
  const group = interaction.options.getBoolean('group') ?? false;
  const collection = interaction.options.getString('collection')?.trim() || undefined;
  const count = interaction.options.getInteger('count') ?? context.config.study.defaultQuizItems;
  const mode: QuizMode = group ? 'choice' : ((interaction.options.getString('kind') as QuizMode | null) ?? 'mixed');
  const channel = interaction.channel;
  if (group) {
    const sendable = interaction.inGuild() && channel && channel.isSendable() && channel.type !== ChannelType.DM;
    if (!sendable) {
      await respond(interaction, renderNotice('Group rounds run in a server channel; here, use /quiz without group.'), { ephemeral: true });
      return;
    }
    if (context.rounds.isRunningIn(interaction.channelId)) {
      await respond(interaction, renderNotice('A group round is already running in this channel; join it, or start another when it ends.'), { ephemeral: true });
      return;
    }
  }
  const what = document ? `in “${formatEchoedText(document.title, 100)}”` : collection ? `in ${formatEchoedText(collection, 100)}` : 'I have';
  const scope = scopeFor(interaction);
  const seed = seedFrom(interaction.id);
  const ephemeral = !group && (interaction.options.getBoolean('private') ?? false);
  let startRound: (() => Promise<void>) | undefined;
  const reply: Promise<{ view: MessageView; visibility: { ephemeral: boolean } }> = context.engine.quiz({ count, mode, seed, ...(document ? { docId: document.id } : {}), ...(collection ? { collection } : {}) }).then(async (result) => {
    if (!result.ok) return { view: renderNotice(unavailableText(result, count, what)), visibility: { ephemeral: true } };
    if (group && channel?.isSendable()) {
      const items = result.items;
      startRound = async () => {
        await context.rounds.start(scope, interaction.channelId, channel, items);
      };
      const seconds = Math.round(context.config.study.roundItemMs / 1000);
      const intro = `**Group round:** ${items.length} question${items.length === 1 ? '' : 's'} from the documents, ${seconds} s each — everyone can answer, once per question; the first correct answers score 3, 2 and 1 points.`;
      return { view: renderNotice(intro), visibility: { ephemeral: false } };
    }
    const sessionId = BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36);
    const now = context.now();
    await context.state.quiz.createSession(scope, { id: sessionId, userId: interaction.user.id, channelId: interaction.channelId, payload: sessionPayload(result.items), createdAt: now, expiresAt: now + context.config.study.quizSessionMs });
    const first = result.items[0];
    const view = first ? renderQuizItem(first, { sessionId, position: 0, total: result.items.length }) : renderNotice('No questions could be made.');
    return { view, visibility: { ephemeral } };
  });
  await replyWhenReadyAs(interaction, reply, { ephemeral }, context.deferAfterMs);
  if (startRound) await startRound();
}

export async function autocomplete(interaction: AutocompleteInteraction, context: BotContext): Promise<void> {
  await interaction.respond(documentChoices(context.engine, interaction.options.getFocused()));
}
