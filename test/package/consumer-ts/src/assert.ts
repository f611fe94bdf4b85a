/** Type-level assertions the consumer files share. */

/** `true` when `A` and `B` are assignable both ways. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** `true` when `A` is assignable to `B`. */
export type Extends<A, B> = [A] extends [B] ? true : false;

/** Fails to compile unless every entry is `true`. */
export type AllTrue<T extends readonly true[]> = T;
