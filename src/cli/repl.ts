// Interactive terminal session: the same engine and answers as the bot, for use without Discord.
import readline from 'node:readline/promises';
import type { Engine } from '../core/engine.js';
import { renderAnswerText } from './render-text.js';

const HELP = 'Type a question and press Enter. Commands: :more (next passages), :docs (documents), :quit.';

export async function runRepl(engine: Engine, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  const rl = readline.createInterface({ input, output, terminal: Boolean((input as NodeJS.ReadStream).isTTY) });
  output.write(`${HELP}\n`);
  let last: { question: string; offset: number } | undefined;
  try {
    for await (const line of rl) {
      const text = line.trim();
      if (!text) continue;
      if (text === ':quit' || text === ':q' || text === 'exit') break;
      if (text === ':docs') {
        for (const d of engine.documents()) output.write(`- ${d.title} · ${d.date ?? 'no date'} · ${d.source ?? 'no source'} (${d.id}, ${d.chunks} chunks)\n`);
        continue;
      }
      if (text === ':more') {
        if (!last) {
          output.write('Ask a question first.\n');
          continue;
        }
        last.offset += 3;
        output.write(`${renderAnswerText(await engine.ask(last.question, { offset: last.offset }))}\n\n`);
        continue;
      }
      last = { question: text, offset: 0 };
      output.write(`${renderAnswerText(await engine.ask(text))}\n\n`);
    }
  } finally {
    rl.close();
  }
}
