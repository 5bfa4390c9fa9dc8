// What Android's part of the engine remembers beyond the shared model.

/** Android's scratch state: set and cleared by its lifecycle rules (lifecycle.ts), read by its policy. */
export interface AndroidMemory {
  /**
   * A18: the user swiped the task away while endOnTaskRemoved was on: its calls were hung up and the
   * keeper ends. A later change of the setting changes neither. Distinct from an activity destroyed
   * while the process lives.
   */
  taskRemoved: boolean;
  /**
   * A4–A6: the service took its microphone or camera type while the app was not visible, where the
   * platform accepts it without while-in-use access (API 30–33, target < 34): it is promoted again at
   * the next return to the foreground.
   */
  repromote: boolean;
}
