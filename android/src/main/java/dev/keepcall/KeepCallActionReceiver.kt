package dev.keepcall

import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent

/** Receives the notification's buttons (non-exported, immutable intents, A11) and reports them. */
class KeepCallActionReceiver : BroadcastReceiver() {
  override fun onReceive(context: Context, intent: Intent) {
    val id = intent.action?.removePrefix(KeepCallNotification.ACTION_PREFIX) ?: return
    val callId = intent.getStringExtra("callId") ?: return
    for (listener in KeepCallService.listeners) {
      when {
        id == "dismissed" -> listener.onDismissed(callId)
        id.startsWith(KeepCallNotification.APP_ACTION) -> listener.onAppAction(id.removePrefix(KeepCallNotification.APP_ACTION), callId)
        else -> listener.onAction(id, callId)
      }
    }
  }
}
