// The kind of answer a question's wording asks for (pure, no model): the specific forms before the
// general ones, contractions read spelled out, one modifier allowed before the noun that names it.
import { describe, expect, it } from 'vitest';
import { expectedAnswerType } from '../../../src/core/retrieval/answer-type.js';

describe('expectedAnswerType', () => {
  it.each([
    ['How much does a replacement filter cost?', 'money'],
    ["what's the price of a day pass", 'money'],
    ['How long does the battery last?', 'duration'],
    ['How many days do I have to return it?', 'duration'],
    ['How deep is the river at the bridge?', 'measure'],
    ['what top speed could the locomotive reach', 'measure'],
    ['At what wavelength does chlorophyll absorb most strongly?', 'measure'],
    ['What time does the library open?', 'time'],
    ['When was the bridge opened?', 'date'],
    ['In what year did the port close?', 'date'],
    ['How many arches did the viaduct have?', 'number'],
    ['What interest rate does the saver account pay?', 'number'],
    ['Which version added ferry routing?', 'number'],
    ['Who chairs the committee?', 'name'],
    ['Which company hosts the service?', 'name'],
    ['What does LTN stand for?', 'definition'],
    ['What is a Larger Work?', 'definition'],
    ["What's photorespiration?", 'definition'],
  ])('%s → %s', (question, expected) => {
    expect(expectedAnswerType(question)).toBe(expected);
  });

  it.each(['Can I water my plot with a hose?', 'Why did shipping move away from the port?', 'Is the cor anglais actually English?', '¿Cuántos libros puedo llevarme?'])(
    'expects no particular kind of answer: %s',
    (question) => {
      expect(expectedAnswerType(question)).toBeUndefined();
    },
  );
});
