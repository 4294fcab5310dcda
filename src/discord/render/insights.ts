// /insights: the report as one embed (within every limit by construction: each list is filled
// line by line while it fits its field) and the questions-per-day chart as a PNG attachment.
import { EmbedBuilder, type APIEmbedField } from 'discord.js';
import type { InsightsReport } from '../../insights/report.js';
import { discordLimits } from '../limits.js';
import { formatEchoedText } from './question.js';
import { escapeDiscordText } from './escape.js';
import { truncateText } from './text.js';
import { colours, type MessageView } from './view.js';

export const CHART_FILE = 'questions-per-day.png';
const EXAMPLE_CHARS = 120;
const TITLE_CHARS = 80;
const outcomeNames = { answered: 'answered', related: 'related only', 'not-found': 'not found' } as const;

function percent(part: number, total: number): string {
  return total > 0 ? `${Math.round((100 * part) / total)} %` : '–';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Lines while they fit one field value; "…and N more" when some do not. */
function listField(name: string, lines: readonly string[], empty: string): APIEmbedField {
  const max = discordLimits.embedFieldValueChars;
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const more = `…and ${lines.length - i} more`;
    const cost = line.length + (kept.length ? 1 : 0);
    if (used + cost + (i < lines.length - 1 ? more.length + 1 : 0) > max) {
      kept.push(more);
      break;
    }
    kept.push(line);
    used += cost;
  }
  return { name, value: kept.length ? kept.join('\n') : empty };
}

export function renderInsights(report: InsightsReport, periodLabel: string, chart: Buffer | undefined, retentionDays: number): MessageView {
  const { counts } = report;
  const summary = [
    `**${counts.total}** ${counts.total === 1 ? 'question' : 'questions'} from **${counts.people}** ${counts.people === 1 ? 'person' : 'people'}`,
    counts.total > 0
      ? `answered **${percent(counts.answered, counts.total)}** · related only **${percent(counts.related, counts.total)}** · not found **${percent(counts.notFound, counts.total)}**`
      : 'No questions recorded in this period.',
    report.latency ? `reply time p50 ${Math.round(report.latency.p50)} ms · p95 ${Math.round(report.latency.p95)} ms` : undefined,
    report.openEscalations > 0 ? `🙋 ${plural(report.openEscalations, 'open request')} for the helpers` : undefined,
  ].filter(Boolean);
  const topics = report.topics.map(
    (t, i) => `**${i + 1}. ${escapeDiscordText(truncateText(t.label, TITLE_CHARS))}** — ${plural(t.count, 'question')}, ${plural(t.people, 'person', 'people')} · e.g. “${formatEchoedText(t.example, EXAMPLE_CHARS)}”`,
  );
  const downvoted = report.mostDownvoted.map(
    (v, i) => `${i + 1}. “${formatEchoedText(v.question.question, EXAMPLE_CHARS)}” — ${v.down} 👎 · ${v.up} 👍 (${outcomeNames[v.question.status]})`,
  );
  const cited = report.mostCited.map((d, i) => `${i + 1}. ${escapeDiscordText(truncateText(d.title, TITLE_CHARS))} — ${plural(d.citations, 'answer')}`);
  const never = report.neverCited.map((d) => `• ${escapeDiscordText(truncateText(d.title, TITLE_CHARS))}`);
  const embed = new EmbedBuilder()
    .setColor(colours.admin)
    .setTitle(`Insights · ${periodLabel}`)
    .setDescription(summary.join('\n'))
    .addFields(
      listField('Unanswered topics', topics, 'None: every question found an answer.'),
      listField('Most 👎', downvoted, 'No 👎 in this period.'),
      listField('Most-cited documents', cited, 'No answer cited a document yet.'),
      listField(`Never cited (${report.neverCited.length} of ${report.documents})`, never, 'Every document was cited.'),
    )
    .setFooter({ text: `People are counted by a keyed hash, never by id · kept ${retentionDays} days · what is stored: /privacy` });
  if (chart) embed.setImage(`attachment://${CHART_FILE}`);
  return { embeds: [embed.toJSON()], components: [], ...(chart ? { files: [{ name: CHART_FILE, data: chart }] } : {}) };
}
