// Evaluation question files: one JSON object per line, {"id","question","doc","answer"};
// doc and answer are null for questions the corpus cannot answer. Optional: `page`, the page
// (as the PDF labels it) the answer is on; `split` (dev or heldout) and `kind` (the question's form).
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const questionSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  doc: z.string().min(1).nullable(),
  answer: z.string().min(1).nullable(),
  /** The page (as the PDF labels it) the answer is on. */
  page: z.union([z.string().min(1), z.number().int().positive()]).transform(String).optional(),
  /** Development questions may be tuned on; held-out ones are only ever reported. */
  split: z.enum(['dev', 'heldout']).optional(),
  /** The question's form (definition, number, name, date, yesno, procedure, paraphrase, unanswerable). */
  kind: z.string().min(1).optional(),
});

export type EvalQuestion = z.infer<typeof questionSchema>;

/** A JSON-lines file, each line checked by `schema`; a bad line is an error naming file and line. */
export async function readJsonLines<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  const items: T[] = [];
  (await readFile(file, 'utf8')).split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    items.push(parsed.data);
  });
  return items;
}

export function readQuestions(file: string): Promise<EvalQuestion[]> {
  return readJsonLines(file, questionSchema);
}
