// A question and the conversation before it → the query retrieval runs: the question alone when it
// stands on its own, otherwise merged with the earlier question(s) that name its subject
// (retrieval/follow-up.ts). Says which earlier question it drew on, for the answer to show.
import type { IndexData } from '../index/generations.js';
import { contextChain, contextKeyTerms, dependenceOf, type EarlierQuestion, mergeContext } from '../retrieval/follow-up.js';
import { type AnalyzedQuery, analyzeQuery } from '../retrieval/query.js';
import type { FollowUpSettings } from '../settings.js';

export interface PreparedQuery {
  query: AnalyzedQuery;
  /** The earlier question(s) whose vector is blended in (oldest first), when the question is a follow-up. */
  contextText?: string;
  /** The earlier question that names the subject, when the question was answered in its context. */
  contextQuestion?: string;
}

export function prepareQuery(index: IndexData, question: string, context: readonly string[] | undefined, settings: FollowUpSettings): PreparedQuery {
  const query = analyzeQuery(question, index.acronyms, index.lexical);
  if (!context?.length || !dependenceOf(question, query.terms)) return { query };
  // Only the questions the chain can reach are analysed (a conversation may be long).
  const recent = context.slice(-settings.maxContextQuestions).map((text): EarlierQuestion => {
    const earlier = analyzeQuery(text.trim(), index.acronyms, index.lexical);
    return { text: earlier.text, terms: earlier.terms, idf: earlier.idf };
  });
  const chain = contextChain(recent, settings.maxContextQuestions);
  const subject = chain[chain.length - 1];
  if (!subject) return { query };
  const keyTerms = contextKeyTerms(query, chain, settings.maxContextTerms);
  return {
    query: mergeContext(query, keyTerms, settings),
    contextText: chain.map((q) => q.text).reverse().join(' '),
    contextQuestion: subject.text,
  };
}
