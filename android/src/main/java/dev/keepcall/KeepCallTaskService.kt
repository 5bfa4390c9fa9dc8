package dev.keepcall

import android.content.Intent
import android.util.Log
import com.facebook.react.HeadlessJsTaskService
import com.facebook.react.bridge.Arguments
import com.facebook.react.jstasks.HeadlessJsTaskConfig

/** Starts JavaScript for a cold start only: the service runs and no React runtime listens yet. */
class KeepCallTaskService : HeadlessJsTaskService() {
  override fun getTaskConfig(intent: Intent?): HeadlessJsTaskConfig =
    // The task key the binding registers with AppRegistry; no timeout, allowed in the foreground.
    HeadlessJsTaskConfig("KeepCallTask", Arguments.createMap(), 0, true)

  // Starting React Native can fail here (no host yet, a wake lock refused): on the main thread that would
  // crash the app and end the call the service keeps, so the task is given up instead (a later start retries).
  override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int = try {
    super.onStartCommand(intent, flags, startId)
  } catch (e: RuntimeException) {
    Log.w("KeepCall", "the headless task could not start: $e")
    stopSelf(startId)
    START_NOT_STICKY
  }
}
