// What getState() and `change` listeners see: copies, so a state handed out does not change under its holder.
import type { KitMemory, RuntimeState } from './contract';
import type { Engine } from './state';

/** The model, what the device holds, what it should hold, what waits, and the kit's memory, as copies. */
export function snapshotState(e: Engine): RuntimeState {
  const memory: Record<string, unknown> = { ...(e.memory as object) };
  for (const [key, value] of Object.entries(memory)) if (value instanceof Map) memory[key] = new Map(value);
  return {
    model: { ...e.model, calls: new Map(e.model.calls) },
    actual: e.actual,
    desired: e.desired,
    held: [...e.held.values()],
    memory: memory as KitMemory,
  };
}
