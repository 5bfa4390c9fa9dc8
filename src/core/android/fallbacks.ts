// A1's fallback, decided here and carried by the start command: native code tries these type sets in
// order when startForeground() refuses the ones asked for, and reports the first one the platform takes.
import type { FgsType } from '../types';

/**
 * The parts of `types` to fall back on, in order: the largest first, so that the service keeps as much as
 * the platform accepts (the camera refused, it keeps the microphone in the background, not media playback
 * alone); among parts of one size, those keeping the types asked for first. The policy asks for the lead
 * type first and the while-in-use ones after it (PROFILE_TYPES), so a part without those comes before one
 * with them: they are what a start outside a visible moment is refused (A4). Never the very set refused,
 * and never none: a service without a type is refused on API 34+, and below it keeps nothing a call needs.
 */
export function fallbacksFor<Type extends FgsType>(types: readonly Type[]): Type[][] {
  const parts: Type[][] = [];
  // Every proper, non-empty part, as a bit mask over `types`: ascending, so earlier types are kept first.
  for (let mask = 1; mask < (1 << types.length) - 1; mask++) {
    parts.push(types.filter((_, index) => (mask >> index) & 1));
  }
  return parts.sort((a, b) => b.length - a.length);
}
