package dev.keepcall

import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.os.Build
import androidx.core.app.NotificationCompat
import androidx.core.app.Person

/** The notification as TypeScript computed it (NotificationSpec); native code only draws it. */
data class CallNotification(
  val channelId: String, val channelName: String, val title: String, val body: String, val smallIcon: String,
  val callId: String, val person: String, val callStyle: Boolean, val immediate: Boolean, val ongoing: Boolean,
  val visibility: String, val startedAt: Long, val muted: Boolean,
  /** (id, label) in display order; ids are hangup, mute, unmute. */
  val actions: List<Pair<String, String>>,
  /** The spec as JavaScript sent it, which snapshot() returns for a reloaded runtime to adopt; null from Kotlin. */
  val source: Map<String, Any?>? = null,
) {
  companion object {
    /** What a Kotlin app gets from `KeepCallService.launch` when it passes no spec. */
    fun default(callId: String = "call") = CallNotification(
      "keepcall_ongoing", "Ongoing calls", "Call in progress", "Tap to return to the call",
      "ic_keepcall_call", callId, "Call", Build.VERSION.SDK_INT >= 31, true, true, "public",
      System.currentTimeMillis(), false, listOf("hangup" to "Hang up"),
    )
  }
}

/** Builds the ongoing-call notification from a spec; decides nothing the spec does not say. */
object KeepCallNotification {
  const val ID = 7301
  const val ACTION_PREFIX = "dev.keepcall.action."

  /** Creates the channel if it is missing (API 26+); silent so updates never ring. */
  fun ensureChannel(context: Context, id: String, name: String) {
    if (Build.VERSION.SDK_INT < 26) return
    val manager = context.getSystemService(NotificationManager::class.java)
    if (manager.getNotificationChannel(id) != null) return
    val channel = NotificationChannel(id, name, NotificationManager.IMPORTANCE_DEFAULT).apply { setSound(null, null) }
    manager.createNotificationChannel(channel)
  }

  fun build(context: Context, spec: CallNotification): Notification {
    ensureChannel(context, spec.channelId, spec.channelName)
    val builder = NotificationCompat.Builder(context, spec.channelId)
      .setSmallIcon(smallIcon(context, spec.smallIcon)).setContentTitle(spec.title).setContentText(spec.body)
      .setCategory(NotificationCompat.CATEGORY_CALL).setVisibility(visibility(spec.visibility))
      .setOngoing(spec.ongoing).setAutoCancel(false).setOnlyAlertOnce(true)
      .setWhen(spec.startedAt).setShowWhen(true).setUsesChronometer(true)
      .setDeleteIntent(actionIntent(context, "dismissed", spec.callId))
    if (spec.immediate) builder.setForegroundServiceBehavior(NotificationCompat.FOREGROUND_SERVICE_IMMEDIATE)
    launchIntent(context)?.let { builder.setContentIntent(it) }
    val useCallStyle = spec.callStyle && Build.VERSION.SDK_INT >= 31
    if (useCallStyle) {
      val person = Person.Builder().setName(spec.person.ifEmpty { spec.title }).setImportant(true).build()
      // A14: hang-up is part of CallStyle; mute stays an extra action.
      builder.setStyle(NotificationCompat.CallStyle.forOngoingCall(person, actionIntent(context, "hangup", spec.callId)))
    }
    for ((id, label) in spec.actions) {
      if (useCallStyle && id == "hangup") continue
      builder.addAction(0, label, actionIntent(context, id, spec.callId))
    }
    return builder.build()
  }

  /** The bare notification used only when the spec's own one was refused (A1 fallback). */
  fun minimal(context: Context, channelId: String): Notification {
    ensureChannel(context, channelId, channelId)
    return NotificationCompat.Builder(context, channelId)
      .setSmallIcon(context.applicationInfo.icon).setCategory(NotificationCompat.CATEGORY_CALL).build()
  }

  // A11: no trampoline; the tap opens the launch activity itself.
  private fun launchIntent(context: Context): PendingIntent? {
    val intent = context.packageManager.getLaunchIntentForPackage(context.packageName) ?: return null
    intent.addFlags(Intent.FLAG_ACTIVITY_CLEAR_TOP or Intent.FLAG_ACTIVITY_SINGLE_TOP)
    return PendingIntent.getActivity(
      context, 0, intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
    )
  }

  private fun actionIntent(context: Context, id: String, callId: String): PendingIntent {
    val intent = Intent(context, KeepCallActionReceiver::class.java).setAction(ACTION_PREFIX + id).putExtra("callId", callId)
    return PendingIntent.getBroadcast(
      context, id.hashCode(), intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
    )
  }

  private fun smallIcon(context: Context, name: String) =
    context.resources.getIdentifier(name, "drawable", context.packageName).takeIf { it != 0 } ?: context.applicationInfo.icon

  private fun visibility(name: String) = when (name) {
    "private" -> NotificationCompat.VISIBILITY_PRIVATE
    "secret" -> NotificationCompat.VISIBILITY_SECRET
    else -> NotificationCompat.VISIBILITY_PUBLIC
  }
}
