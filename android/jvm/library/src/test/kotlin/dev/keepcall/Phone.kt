@file:Suppress("DEPRECATION") // BridgeReactContext: see JavaScript.context

package dev.keepcall

import com.facebook.react.bridge.BridgeReactContext

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
import com.facebook.react.bridge.CxxCallbackImpl
import com.facebook.react.bridge.JavaOnlyArray
import com.facebook.react.bridge.JavaOnlyMap
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReadableMap
import com.facebook.soloader.nativeloader.NativeLoader
import com.facebook.soloader.nativeloader.NativeLoaderDelegate
import org.robolectric.Robolectric
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ServiceController
import org.robolectric.util.ReflectionHelpers
import org.robolectric.util.ReflectionHelpers.ClassParameter

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
      KeepCallService.custom = null
      KeepCallService.instance = null
      KeepCallService.finishing = null
      KeepCallService.starting = false
      KeepCallService.stopRequested = false
      ShadowCxxCallbackImpl.events.clear()
      RefusingShadowService.refusal = { null }
      RefusingShadowService.calls.clear()
    }
  }
}

/** The TurboModule as React Native creates it, with the event callback JavaScript sets once it loaded. */
class JavaScript(private val phone: Phone, listening: Boolean = true) {
  // Which React Native context holds the module does not matter to it: it reads only what any context has.
  val context: ReactApplicationContext = BridgeReactContext(phone.app)
  val module = KeepCallModule(context)

  init {
    NativeLoader.initIfUninitialized(NoNativeLibraries)
    if (listening) {
      val callback = ReflectionHelpers.callConstructor(CxxCallbackImpl::class.java)
      ReflectionHelpers.callInstanceMethod<Unit>(
        module, "setEventEmitterCallback", ClassParameter.from(CxxCallbackImpl::class.java, callback),
      )
    }
  }

  /** The events JavaScript received so far. */
  val events: List<Event> get() = ShadowCxxCallbackImpl.events.toList()

  /** Calls a promise method as the binding does and returns what it settled with, after the phone settled. */
  fun call(method: (Promise) -> Unit): Settled {
    val promise = RecordingPromise()
    method(promise)
    phone.settle()
    return promise.settled ?: error("the promise never settled")
  }

  fun startService(notification: JavaOnlyMap, types: List<String>) =
    call { module.startService(notification, JavaOnlyArray.from(types), it) }

  fun updateService(notification: JavaOnlyMap, types: List<String>) =
    call { module.updateService(notification, JavaOnlyArray.from(types), it) }

  fun stopService() = call { module.stopService(it) }

  fun snapshot(): Map<String, Any?> = (call { module.snapshot(it) }.value as ReadableMap).toHashMap()
}

/** How a promise settled: a value, or a rejection's code and message. */
data class Settled(val value: Any?, val code: String? = null, val message: String? = null) {
  val rejected get() = code != null
}

private class RecordingPromise : Promise {
  var settled: Settled? = null
  override fun resolve(value: Any?) = run { settled = Settled(value) }
  override fun reject(code: String, message: String?) = run { settled = Settled(null, code, message) }
  override fun reject(code: String, throwable: Throwable?) = reject(code, throwable?.message)
  override fun reject(code: String, message: String?, throwable: Throwable?) = reject(code, message)
  override fun reject(throwable: Throwable) = reject("error", throwable.message)
  override fun reject(throwable: Throwable, userInfo: com.facebook.react.bridge.WritableMap) = reject(throwable)
  override fun reject(code: String, userInfo: com.facebook.react.bridge.WritableMap) = reject(code, null as String?)
  override fun reject(code: String, throwable: Throwable?, userInfo: com.facebook.react.bridge.WritableMap) = reject(code, throwable)
  override fun reject(code: String, message: String?, userInfo: com.facebook.react.bridge.WritableMap) = reject(code, message)
  override fun reject(code: String?, message: String?, throwable: Throwable?, userInfo: com.facebook.react.bridge.WritableMap?) =
    run { settled = Settled(null, code ?: "error", message) }
  @Deprecated("React Native's own deprecation") override fun reject(message: String) = reject("error", message)
}

/** fbjni's HybridData loads its native library when first touched; on the JVM there is none to load. */
private object NoNativeLibraries : NativeLoaderDelegate {
  override fun loadLibrary(shortName: String, flags: Int) = true
  override fun getLibraryPath(libName: String): String? = null
  override fun getSoSourcesVersion() = 0
}

/** The notification spec exactly as the binding sends it (a NativeNotificationSpec), as a JavaOnlyMap. */
fun nativeSpec(
  title: String = "Alice",
  body: String = "Ongoing call",
  callId: String = "c1",
  muted: Boolean = false,
  callStyle: Boolean = true,
  startedAt: Double = 1_700_000_000_000.0,
  actions: List<Pair<String, String>> = listOf("hangup" to "Hang up", if (muted) "unmute" to "Unmute" else "mute" to "Mute"),
): JavaOnlyMap = JavaOnlyMap.of(
  "channelId", "keepcall_calls", "channelName", "Calls", "title", title, "body", body,
  "smallIcon", "ic_keepcall_call", "callId", callId, "person", title, "callStyle", callStyle, "category", "call",
  "immediate", true, "ongoing", true, "visibility", "public", "startedAt", startedAt, "muted", muted,
  "actions", JavaOnlyArray.from(actions.map { (id, label) -> JavaOnlyMap.of("id", id, "label", label) }),
)

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
