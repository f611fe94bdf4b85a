/** A source of uniform numbers in `[0, 1)`. */
export type Random = () => number;

/**
 * mulberry32: a 32-bit seeded generator, small and fast with good enough statistics for test
 * data. The same seed always yields the same sequence, on every runtime.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator seeded with `seed`, or with a fresh random seed when none is given. */
export function randomFrom(seed: number | undefined): Random {
  return seededRandom(seed ?? Math.floor(Math.random() * 4294967296));
}

/** A whole number in `[min, max]`. */
export function integer(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<const T>(random: Random, values: readonly [T, ...T[]]): T {
  return values[integer(random, 0, values.length - 1)]!;
}

/** `length` characters drawn from `alphabet`. */
export function characters(random: Random, alphabet: string, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) {
    text += alphabet[integer(random, 0, alphabet.length - 1)];
  }
  return text;
}

/** `length` lower-case hexadecimal digits. */
export const hex = (random: Random, length: number): string =>
  characters(random, '0123456789abcdef', length);
