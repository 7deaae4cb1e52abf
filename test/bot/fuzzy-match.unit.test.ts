import { describe, expect, it } from 'vitest';
import { editDistance, isCloseWord, nameScore, nameWords } from '../../domain/text/fuzzy-match.js';

describe('fuzzy name matching', () => {
  it.each([
    ['bianchi', 'bianchi', 0],
    ['bianchi', 'binachi', 1], // transposition
    ['bianchi', 'bianci', 1],
    ['maria', 'mario', 1],
    ['rossi', 'esposito', 6],
    ['', 'anna', 4],
  ])('distance between %s and %s is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('gives up past the limit without computing the whole distance', () => {
    expect(editDistance('rossi', 'esposito', 1)).toBe(2);
    expect(editDistance('anna', 'angelo', 2)).toBe(3);
    expect(editDistance('bianchi', 'binachi', 1)).toBe(1);
    expect(editDistance('martinelli', 'martinell', 2)).toBe(1);
  });

  it('allows one slip in short words, two in long ones, none in very short ones', () => {
    expect(isCloseWord('mraia', 'maria')).toBe(true);
    expect(isCloseWord('mrai', 'maria')).toBe(false);
    expect(isCloseWord('martinlli', 'martinelli')).toBe(true);
    expect(isCloseWord('martnlli', 'martinelli')).toBe(true);
    expect(isCloseWord('de', 'da')).toBe(false);
  });

  it('matches a person whatever the order, accents and slips, and prefers the full name', () => {
    const query = nameWords("D'Angelo Nicolò");
    expect(nameScore(query, "D'ANGELO", 'Nicolo')).toBe(1);
    expect(nameScore(nameWords('nicolo dangelo'), "D'Angelo", 'Nicolò')).toBeGreaterThan(0.9);
    expect(nameScore(nameWords('maria bainchi'), 'Bianchi', 'Maria')).toBeGreaterThan(0.9);
    expect(nameScore(nameWords('bianchi'), 'Bianchi', 'Maria')).toBeLessThan(
      nameScore(nameWords('bianchi maria'), 'Bianchi', 'Maria'),
    );
    expect(nameScore(nameWords('rossi maria'), 'Bianchi', 'Maria')).toBe(0);
  });
});
