package dev.keepcall

import android.content.Intent
import com.facebook.react.HeadlessJsTaskService
import com.facebook.react.bridge.Arguments
import com.facebook.react.jstasks.HeadlessJsTaskConfig

/** Starts JavaScript for a cold start only: the service runs and no React runtime listens yet. */
class KeepCallTaskService : HeadlessJsTaskService() {
  override fun getTaskConfig(intent: Intent?): HeadlessJsTaskConfig =
    // The task key the binding registers with AppRegistry; no timeout, allowed in the foreground.
    HeadlessJsTaskConfig("KeepCallTask", Arguments.createMap(), 0, true)
}
