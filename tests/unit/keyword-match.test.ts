import { describe, expect, it } from 'vitest';
import { higherPriority, isHigher, type KeywordRule, matchKeywords, normalizeForMatching } from '../../lib/domain/keyword-match';

const rules: KeywordRule[] = [
  { id: 1, phrase: 'tolong', priority: 'high' },
  { id: 2, phrase: 'help', priority: 'high' },
  { id: 3, phrase: 'darurat', priority: 'urgent' },
  { id: 4, phrase: 'tidak bisa login', priority: 'high' },
  { id: 5, phrase: 'login', priority: 'low' },
  { id: 6, phrase: 'c++', priority: 'low' },
];

const match = (text: string) => {
  const hit = matchKeywords(text, rules);
  return hit ? { phrase: hit.rule.phrase, matched: hit.matched } : null;
};

describe('keyword matching', () => {
  it.each([
    ['Tolong!', 'tolong'],
    ['TOLONG bantu saya', 'tolong'],
    ['can you help?', 'help'],
    ['help', 'help'],
    ['(help)', 'help'],
    ['tolong🙏', 'tolong'],
    ['ini darurát', 'darurat'],
    ['DARURAT', 'darurat'],
  ])('finds the word in "%s"', (text, phrase) => {
    expect(match(text)?.phrase).toBe(phrase);
  });

  it.each(['helpful', 'unhelpful', 'menolong', 'tolongin', 'help2', '2help', 'daruratnya', ''])('"%s" is not a whole-word hit', (text) => {
    expect(match(text)).toBeNull();
  });

  it('matches phrases across case, accents, line breaks and runs of spaces, but not inside longer words', () => {
    expect(match('saya TIDAK   bisa\nLogín')).toEqual({ phrase: 'tidak bisa login', matched: 'tidak bisa login' });
    expect(match('tidak bisa loginkan')).toBeNull();
    expect(match('tidakbisa login')?.phrase).toBe('login');
  });

  it('the highest priority wins; among equals, the longer phrase', () => {
    expect(match('tolong, ini darurat')?.phrase).toBe('darurat');
    expect(match('tolong, saya tidak bisa login')?.phrase).toBe('tidak bisa login');
  });

  it('phrases with symbols are taken literally', () => {
    expect(match('belajar c++ di sini')?.phrase).toBe('c++');
    expect(match('belajar cxx di sini')).toBeNull();
  });

  it('normalizes like the stored rules', () => {
    expect(normalizeForMatching('  Çà   Va\tBIEN ')).toBe('ca va bien');
  });

  it('priorities only go up', () => {
    expect(higherPriority('high', 'urgent')).toBe('urgent');
    expect(higherPriority('urgent', 'low')).toBe('urgent');
    expect(isHigher('medium', 'medium')).toBe(false);
    expect(isHigher('high', 'medium')).toBe(true);
  });
});
