package dev.keepcall

import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.app.Person
import android.content.Context
import android.content.Intent
import android.graphics.drawable.Icon
import android.net.Uri
import android.os.Build
import android.util.Log

/** The notification as TypeScript computed it (NotificationSpec); native code only draws it. */
data class CallNotification(
  val channelId: String, val channelName: String, val title: String, val body: String, val smallIcon: String,
  val callId: String, val person: String, val callStyle: Boolean, val immediate: Boolean, val ongoing: Boolean,
  val visibility: String, val startedAt: Long, val muted: Boolean,
  /** (id, label) in display order; ids are hangup, mute, unmute. */
  val actions: List<Pair<String, String>>,
  /** The spec as JavaScript sent it, which snapshot() returns for a reloaded runtime to adopt; null from Kotlin. */
  val source: Map<String, Any?>? = null,
  /** What a tap opens (NativeNotificationTap). */
  val tap: NotificationTap = NotificationTap(),
  /** The ids in [actions] that are the app's own buttons (kind 'app'), reported by onNotificationAction. */
  val appActions: Set<String> = emptySet(),
) {
  companion object {
    /** What a Kotlin app gets from `KeepCallService.launch` when it passes no spec. */
    fun default(callId: String = "call") = CallNotification(
      // CallStyle (API 31+) titles the notification with the person: the same words as the title below it.
      KeepCallNotification.CHANNEL_ID, KeepCallNotification.CHANNEL_NAME, "Call in progress",
      "Tap to return to the call", KeepCallNotification.ICON, callId, "Call in progress", Build.VERSION.SDK_INT >= 31, true, true,
      "public", System.currentTimeMillis(), false, listOf("hangup" to "Hang up"),
    )
  }
}

/** What a tap on the notification opens: kind `launch`, `activity` (target: its class name) or `uri` (target: the URI). */
data class NotificationTap(val kind: String = "launch", val target: String? = null)

/** Builds the ongoing-call notification from a spec with the framework's API; decides nothing the spec does not say. */
object KeepCallNotification {
  const val ID = 7301
  const val ACTION_PREFIX = "dev.keepcall.action."
  /** Follows ACTION_PREFIX for one of the app's own buttons: `dev.keepcall.action.app.<id>`. */
  const val APP_ACTION = "app."
  /** The extra KeepCallTapActivity's intent carries: the call id, which the listeners hear as onTapped. */
  const val EXTRA_TAPPED = "dev.keepcall.TAPPED_CALL_ID"
  const val CHANNEL_ID = "keepcall_ongoing"
  const val CHANNEL_NAME = "Ongoing calls"
  /** The library's own status-bar icon (res/drawable), kept from resource shrinking by res/raw/keep.xml. */
  const val ICON = "ic_keepcall_call"

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
    val builder = builder(context, spec.channelId)
      .setSmallIcon(smallIcon(context, spec.smallIcon)).setContentTitle(spec.title).setContentText(spec.body)
      .setCategory(Notification.CATEGORY_CALL).setVisibility(visibility(spec.visibility))
      .setOngoing(spec.ongoing).setAutoCancel(false).setOnlyAlertOnce(true)
      .setWhen(spec.startedAt).setShowWhen(true).setUsesChronometer(true)
      .setDeleteIntent(actionIntent(context, "dismissed", spec.callId))
    if (spec.immediate && Build.VERSION.SDK_INT >= 31) {
      builder.setForegroundServiceBehavior(Notification.FOREGROUND_SERVICE_IMMEDIATE)
    }
    contentIntent(context, spec)?.let { builder.setContentIntent(it) }
    // CallStyle refuses a person without a name (A14): drawn plain then, as keepcall/testing's model draws it.
    val useCallStyle = spec.callStyle && Build.VERSION.SDK_INT >= 31 && spec.person.isNotEmpty()
    if (useCallStyle) {
      val person = Person.Builder().setName(spec.person).setImportant(true).build()
      // A14: hang-up is part of CallStyle; mute stays an extra action.
      builder.setStyle(Notification.CallStyle.forOngoingCall(person, actionIntent(context, "hangup", spec.callId)))
    }
    for ((id, label) in spec.actions) {
      val app = id in spec.appActions
      if (useCallStyle && id == "hangup" && !app) continue
      val intent = actionIntent(context, if (app) APP_ACTION + id else id, spec.callId)
      builder.addAction(Notification.Action.Builder(null as Icon?, label, intent).build())
    }
    return builder.build()
  }

  /** The bare notification used only when the spec's own one was refused (A1 fallback). */
  fun minimal(context: Context, spec: CallNotification?): Notification {
    val channelId = spec?.channelId ?: CHANNEL_ID
    ensureChannel(context, channelId, spec?.channelName ?: CHANNEL_NAME)
    return builder(context, channelId).setSmallIcon(smallIcon(context, spec?.smallIcon ?: ICON))
      .setCategory(Notification.CATEGORY_CALL).build()
  }

  // Below API 26 there are no channels; the builder without one is the only one there.
  private fun builder(context: Context, channelId: String): Notification.Builder =
    if (Build.VERSION.SDK_INT >= 26) Notification.Builder(context, channelId) else legacyBuilder(context)

  @Suppress("DEPRECATION") // the constructor API 24 and 25 have
  private fun legacyBuilder(context: Context) = Notification.Builder(context)

  // A11: no trampoline; the tap opens the activity itself, and KeepCallTapActivity over it reports the tap.
  private fun contentIntent(context: Context, spec: CallNotification): PendingIntent? {
    val intent = tapIntent(context, spec.tap) ?: return null
    intent.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP or Intent.FLAG_ACTIVITY_SINGLE_TOP)
    val report = Intent(context, KeepCallTapActivity::class.java).putExtra(EXTRA_TAPPED, spec.callId)
    return PendingIntent.getActivities(
      context, 0, arrayOf(intent, report), PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
    )
  }

  // The app's own activity, named or viewing the deep link, as an explicit component: only the app can receive
  // it. One that resolves to nothing in the app would make the tap do nothing: the launch activity opens instead.
  private fun tapIntent(context: Context, tap: NotificationTap): Intent? {
    val pm = context.packageManager
    val launch = pm.getLaunchIntentForPackage(context.packageName)
    val wanted = when (tap.kind) {
      "activity" -> Intent().setClassName(context.packageName, tap.target.orEmpty())
      "uri" -> Intent(Intent.ACTION_VIEW, Uri.parse(tap.target.orEmpty())).setPackage(context.packageName)
      else -> return launch
    }
    val activity = pm.resolveActivity(wanted, 0)?.activityInfo
    if (activity == null || activity.packageName != context.packageName) {
      Log.w("KeepCall", "no activity of the app opens the notification's tap (${tap.kind} ${tap.target}): the launch activity does")
      return launch
    }
    return wanted.setClassName(activity.packageName, activity.name)
  }

  private fun actionIntent(context: Context, id: String, callId: String): PendingIntent {
    val intent = Intent(context, KeepCallActionReceiver::class.java).setAction(ACTION_PREFIX + id).putExtra("callId", callId)
    return PendingIntent.getBroadcast(
      context, id.hashCode(), intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
    )
  }

  // The spec's icon, else the library's own, and only then the launcher icon (a white blob in the status bar).
  private fun smallIcon(context: Context, name: String) = listOf(name, ICON).firstNotNullOfOrNull { drawable(context, it) }
    ?: context.applicationInfo.icon

  @Suppress("DiscouragedApi") // the icon is named by JavaScript, so only a lookup by name can find it
  private fun drawable(context: Context, name: String) =
    context.resources.getIdentifier(name, "drawable", context.packageName).takeIf { it != 0 }

  private fun visibility(name: String) = when (name) {
    "private" -> Notification.VISIBILITY_PRIVATE
    "secret" -> Notification.VISIBILITY_SECRET
    else -> Notification.VISIBILITY_PUBLIC
  }
}
