package dev.keepcall


import android.app.Application
import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.ComponentName
import android.content.Intent
import android.content.IntentFilter
import android.content.pm.ServiceInfo
import android.os.Build
import android.os.Looper
import org.robolectric.Robolectric
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ServiceController

/**
 * One phone for one test, as Android runs the app: Robolectric records `startForegroundService` and
 * `stopSelf` but runs no service by itself, so [settle] does what the system would — runs the main
 * thread's queue, starts the services asked for (a live one gets `onStartCommand`, else a new one is
 * created), and destroys the ones that stopped — until nothing changes.
 */
class Phone {
  val app: Application = RuntimeEnvironment.getApplication()
  private val manager: NotificationManager = app.getSystemService(NotificationManager::class.java)
  /** Every KeepCallService Android created, oldest first. */
  val services = mutableListOf<ServiceController<KeepCallService>>()
  /** The headless-task starts (KeepCallTaskService) asked for. */
  val headlessStarts = mutableListOf<Intent>()
  private val destroyed = mutableSetOf<KeepCallService>()
  private var startId = 0

  init {
    reset()
    LibraryManifest.mergeInto(app)
    // The app's launch activity, which the notification's tap opens.
    val launcher = ComponentName(app.packageName, "$PACKAGE.MainActivity")
    val pm = shadowOf(app.packageManager)
    pm.addActivityIfNotPresent(launcher)
    pm.addIntentFilterForActivity(
      launcher, IntentFilter(Intent.ACTION_MAIN).apply { addCategory(Intent.CATEGORY_LAUNCHER) },
    )
  }

  /** The permissions the app's merged manifest requests besides the library's own. */
  fun declare(vararg permissions: String) {
    val info = shadowOf(app.packageManager).getInternalMutablePackageInfo(app.packageName)
    info.requestedPermissions = (info.requestedPermissions.orEmpty().toList() + permissions).distinct().toTypedArray()
  }

  /** The app's merged manifest drops a permission (`tools:node="remove"`), the library's own too. */
  fun undeclare(permission: String) {
    val info = shadowOf(app.packageManager).getInternalMutablePackageInfo(app.packageName)
    info.requestedPermissions = info.requestedPermissions.orEmpty().filter { it != permission }.toTypedArray()
  }

  /** Runs the main thread and the service lifecycle until the phone is still. */
  fun settle() {
    repeat(50) {
      shadowOf(Looper.getMainLooper()).idle()
      if (!deliverStart() && !destroyStopped()) return
    }
    error("the phone did not settle")
  }

  /** Starts one service asked for; false when none was. */
  fun deliverStart(): Boolean {
    val intent = shadowOf(app).nextStartedService ?: return false
    when (intent.component?.className) {
      KeepCallService::class.java.name -> {
        val live = live()
        if (live != null) live.get().onStartCommand(intent, 0, ++startId)
        else services += Robolectric.buildService(KeepCallService::class.java, intent).create().startCommand(0, ++startId)
      }
      KeepCallTaskService::class.java.name -> headlessStarts += intent
      else -> error("unexpected service start: $intent")
    }
    return true
  }

  /** Destroys the services that stopped themselves; false when none had. */
  fun destroyStopped(): Boolean {
    val stopped = services.filter { it.get() !in destroyed && shadowOf(it.get()).isStoppedBySelf }
    for (controller in stopped) {
      destroyed += controller.get()
      controller.destroy()
    }
    return stopped.isNotEmpty()
  }

  /** The service Android holds now (created, not stopped), if any. */
  fun live(): ServiceController<KeepCallService>? =
    services.lastOrNull()?.takeIf { it.get() !in destroyed && !shadowOf(it.get()).isStoppedBySelf }

  /** The foreground service's type mask now (0: none in the foreground). */
  fun foregroundTypes(): Int {
    val service = live()?.get() ?: return 0
    if (shadowOf(service).isForegroundStopped || shadowOf(service).lastForegroundNotification == null) return 0
    return if (Build.VERSION.SDK_INT >= 29) service.foregroundServiceType else ServiceInfo.FOREGROUND_SERVICE_TYPE_MANIFEST
  }

  /** The ongoing-call notification the status bar shows, if any. */
  fun notification(): Notification? = shadowOf(manager).getNotification(KeepCallNotification.ID)

  /** The notification's buttons as the user sees them: label to the action id its intent reports. */
  fun labels(): Map<String, String> =
    notification()?.actions.orEmpty().associate { "${it.title}" to idOf(it.actionIntent) }

  /** The notification's buttons by the action id their intent reports (hangup, mute, unmute). */
  fun buttons(): Map<String, PendingIntent> =
    notification()?.actions.orEmpty().associate { idOf(it.actionIntent) to it.actionIntent }

  private fun idOf(intent: PendingIntent) =
    shadowOf(intent).savedIntent.action.orEmpty().removePrefix(KeepCallNotification.ACTION_PREFIX)

  /** What tapping a notification button or the notification does: Android sends its PendingIntent's intent. */
  fun tap(intent: PendingIntent) {
    val sent = shadowOf(intent).savedIntent
    if (shadowOf(intent).isBroadcast) KeepCallActionReceiver().onReceive(app, sent) else app.startActivity(sent)
    settle()
  }

  companion object {
    const val PACKAGE = "dev.keepcall"

    /** Forgets what an earlier test left in the service's statics (one JVM runs every test). */
    fun reset() {
      KeepCallService.listeners.clear()
      KeepCallService.spec = null
      KeepCallService.types = emptyList()
      KeepCallService.fallbacks = emptyList()
      KeepCallService.custom = null
      KeepCallService.instance = null
      KeepCallService.finishing = null
      KeepCallService.starting = false
      KeepCallService.stopRequested = false
      RefusingShadowService.refusal = { null }
      RefusingShadowService.calls.clear()
    }
  }
}

/** The type mask of service type names, as the platform has it. */
fun mask(vararg types: String) = types.fold(0) { acc, type ->
  acc or when (type) {
    "mediaPlayback" -> ServiceInfo.FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK
    "microphone" -> ServiceInfo.FOREGROUND_SERVICE_TYPE_MICROPHONE
    "camera" -> ServiceInfo.FOREGROUND_SERVICE_TYPE_CAMERA
    "phoneCall" -> ServiceInfo.FOREGROUND_SERVICE_TYPE_PHONE_CALL
    else -> error("unknown type $type")
  }
}

/** Every permission a full keepcall app declares (the Expo plugin's set). */
val APP_PERMISSIONS = arrayOf(
  "android.permission.FOREGROUND_SERVICE", "android.permission.FOREGROUND_SERVICE_MEDIA_PLAYBACK",
  "android.permission.FOREGROUND_SERVICE_MICROPHONE", "android.permission.FOREGROUND_SERVICE_CAMERA",
  "android.permission.POST_NOTIFICATIONS", "android.permission.RECORD_AUDIO", "android.permission.CAMERA",
)
