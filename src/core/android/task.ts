// taskToRun: starts when the Android keeper starts, its signal aborts when the keeper stops. Its promise
// settling does not stop the keeper; its failure is reported, never thrown into the app.
import { KeepCallError, messageOf } from '../errors';
import type { FollowHost } from '../platform-kit';
import type { Keeper } from '../types';

/** Keeps the app's task (`foregroundService.android.taskToRun`) in step with the keeper: one task per running keeper. */
export function createTaskRunner(host: FollowHost) {
  let running: AbortController | undefined;

  function startFor(callId: string) {
    const task = host.model.config.foregroundService.android.taskToRun;
    const call = host.callFor(callId);
    if (!task || !call) return;
    const controller = new AbortController();
    running = controller;
    Promise.resolve()
      .then(() => task(call, { signal: controller.signal }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        host.report(
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
