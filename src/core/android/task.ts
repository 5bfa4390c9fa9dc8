// taskToRun: starts when the Android keeper starts, its signal aborts when the keeper stops. Its promise
// settling does not stop the keeper; its failure is reported, never thrown into the app.
import type { TaskToRun } from '../config';
import { KeepCallError, messageOf } from '../errors';
import type { CallLike, Keeper } from '../types';

interface TaskRunnerOptions {
  report(error: KeepCallError): void;
  callFor(callId: string): CallLike | undefined;
  taskToRun(): TaskToRun | undefined;
}

/** Keeps the app's task in step with the keeper: one task per running keeper. */
export function createTaskRunner(options: TaskRunnerOptions) {
  let running: AbortController | undefined;

  function startFor(callId: string) {
    const task = options.taskToRun();
    const call = options.callFor(callId);
    if (!task || !call) return;
    const controller = new AbortController();
    running = controller;
    Promise.resolve()
      .then(() => task(call, { signal: controller.signal }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        options.report(
          new KeepCallError('task-failed', `taskToRun failed: ${messageOf(error)}`, { callId, cause: error }),
        );
      });
  }

  return {
    /**
     * Starts the task while the keeper runs, once its call is tracked and a task is configured (a
     * keeper adopted after a reload, or a task set later, start it then); aborts it when the keeper stops.
     */
    sync(keeper: Keeper) {
      const service = keeper.android ?? null;
      if (!service) this.stop();
      else if (!running) startFor(service.notification.callId);
    },
    /** Aborts the running task, if any. */
    stop() {
      running?.abort();
      running = undefined;
    },
  };
}
