// Every slash command, in one typed list: registration and dispatch both read it.
import * as ask from './ask.js';
import * as bookmarks from './bookmarks.js';
import * as daily from './daily.js';
import * as leaderboard from './leaderboard.js';
import * as quiz from './quiz.js';
import * as read from './read.js';
import * as review from './review.js';
import type { SlashCommand } from './command.js';
import * as documents from './documents.js';
import * as help from './help.js';
import * as reindex from './reindex.js';
import * as insights from './insights.js';
import * as privacy from './privacy.js';
import * as scope from './scope.js';
import * as search from './search.js';
import * as source from './source.js';

export type { SlashCommand };

export const commands: readonly SlashCommand[] = [ask, search, documents, source, help, reindex, quiz, leaderboard, review, daily, read, bookmarks, insights, privacy, scope];

export function commandsByName(): Map<string, SlashCommand> {
  return new Map(commands.map((command) => [command.data.name, command]));
}
