package dev.keepcall

import android.Manifest
import android.app.Activity
import android.app.Application
import android.content.ComponentName
import android.content.pm.PackageManager
import android.os.Build
import android.os.Bundle
import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReactMethod
import com.facebook.react.bridge.ReadableArray
import com.facebook.react.bridge.ReadableMap
import com.facebook.react.bridge.UiThreadUtil
import com.facebook.react.bridge.WritableArray
import com.facebook.react.bridge.WritableMap
import com.facebook.react.common.LifecycleState
import com.facebook.react.module.annotations.ReactModule

/** The TurboModule: executes NativeKeepCall's commands and reports what the device does. */
@ReactModule(name = NativeKeepCallSpec.NAME)
class KeepCallModule(context: ReactApplicationContext) :
  NativeKeepCallSpec(context), KeepCallService.Listener, Application.ActivityLifecycleCallbacks {

  // The app state JavaScript reads at start. The module is created when JavaScript loads, often after the
  // activity resumed: start from React Native's host; the lifecycle callbacks below keep it since.
  private var current: Activity? = context.currentActivity
  @Volatile private var state = when {
    context.lifecycleState == LifecycleState.RESUMED -> "active"
    current?.isInPictureInPictureMode == true -> "pip"
    else -> "background"
  }

  init {
    KeepCallService.addListener(this)
    (context.applicationContext as? Application)?.registerActivityLifecycleCallbacks(this)
  }

  override fun invalidate() {
    KeepCallService.removeListener(this)
    (reactApplicationContext.applicationContext as? Application)?.unregisterActivityLifecycleCallbacks(this)
    super.invalidate()
  }

  @ReactMethod(isBlockingSynchronousMethod = true)
  override fun getPlatformInfo(): WritableMap {
    val ctx = reactApplicationContext
    val pm = ctx.packageManager
    val requested = pm.getPackageInfo(ctx.packageName, PackageManager.GET_PERMISSIONS).requestedPermissions
    val service = ComponentName(ctx, KeepCallService::class.java)
    val serviceMask = if (Build.VERSION.SDK_INT >= 29) pm.getServiceInfo(service, 0).foregroundServiceType else 0
    return event(
      "os" to "android", "apiLevel" to Build.VERSION.SDK_INT, "targetSdk" to ctx.applicationInfo.targetSdkVersion,
      "declared" to requested.orEmpty().map { it.substringAfterLast('.') },
      "serviceTypes" to KeepCallService.typeNames(serviceMask), "appState" to state, "permissions" to permissions(),
    )
  }

  override fun snapshot(promise: Promise) {
    UiThreadUtil.runOnUiThread {
      // A stop waiting for the promotion (A1) is a stop: a start then cancels it rather than being skipped.
      val running = (KeepCallService.instance != null || KeepCallService.starting) && !KeepCallService.stopRequested
      val types = if (running) KeepCallService.types else emptyList()
      val service = mutableMapOf("running" to running, "promoted" to KeepCallService.promoted, "types" to types)
      KeepCallService.spec?.source?.takeIf { running }?.let { service["notification"] = it }
      promise.resolve(event("service" to service, "calls" to emptyList<Any>()))
    }
  }

  override fun createNotificationChannel(id: String, name: String, promise: Promise) =
    onMain(promise) { KeepCallNotification.ensureChannel(reactApplicationContext, id, name) }

  override fun startService(notification: ReadableMap, types: ReadableArray, fallbacks: ReadableArray, promise: Promise) =
    onMain(promise) { KeepCallService.launch(reactApplicationContext, namesOf(types), specOf(notification), fallbacksOf(fallbacks)) }

  // An update while the service finishes starts a new one: the dying one would drop it.
  override fun updateService(notification: ReadableMap, types: ReadableArray, fallbacks: ReadableArray, promise: Promise) =
    onMain(promise) {
      val spec = specOf(notification)
      if (KeepCallService.finishing != null && KeepCallService.instance == null) {
        KeepCallService.launch(reactApplicationContext, namesOf(types), spec, fallbacksOf(fallbacks))
      } else {
        check(KeepCallService.update(spec, namesOf(types), fallbacksOf(fallbacks))) { "keepcall's service is not running" }
      }
    }

  override fun stopService(promise: Promise) = onMain(promise) { KeepCallService.stop() }

  // CallKit is iOS only; the engine never sends these on Android.
  override fun configureCallKit(config: ReadableMap, promise: Promise) = unsupported(promise)
  override fun startCallKitCall(call: ReadableMap, promise: Promise) = unsupported(promise)
  override fun reportCallKitConnecting(call: ReadableMap, promise: Promise) = unsupported(promise)
  override fun reportCallKitConnected(call: ReadableMap, promise: Promise) = unsupported(promise)
  override fun updateCallKitCall(call: ReadableMap, promise: Promise) = unsupported(promise)
  override fun endCallKitCall(callId: String, uuid: String, reason: String, promise: Promise) = unsupported(promise)
  override fun setCallKitMuted(callId: String, uuid: String, muted: Boolean, promise: Promise) = unsupported(promise)
  override fun setCallKitHeld(callId: String, uuid: String, held: Boolean, promise: Promise) = unsupported(promise)

  private fun unsupported(promise: Promise) = promise.reject("unsupported", "CallKit exists only on iOS")

  // The service lives on the main thread; A2's exception from startForegroundService is named here.
  private fun onMain(promise: Promise, block: () -> Unit) {
    UiThreadUtil.runOnUiThread {
      try {
        block()
        promise.resolve(null)
      } catch (e: RuntimeException) {
        promise.reject(KeepCallService.codeOf(e), "${e.javaClass.simpleName}: ${e.message}", e)
      }
    }
  }

  // Every event goes through emit: the emitter's callback exists only once JavaScript created the module's
  // C++ half, and codegen before 0.88 calls it unchecked (a NullPointerException). An event before then is
  // dropped: no JavaScript listens to it yet, and JavaScript reads the whole state at start (snapshot()).
  private fun emit(send: () -> Unit) = if (mEventEmitterCallback != null) send() else Unit

  override fun onStarted(types: List<String>) = emit { emitOnServiceStarted(event("types" to types)) }
  override fun onNarrowed(types: List<String>, reason: String) =
    emit { emitOnServiceNarrowed(event("types" to types, "reason" to reason)) }
  override fun onFailed(code: String, message: String, exception: String) =
    emit { emitOnServiceFailed(event("code" to code, "message" to message, "exception" to exception)) }
  override fun onTimeout(fgsType: String) = emit { emitOnServiceTimeout(event("fgsType" to fgsType)) }
  override fun onStopped() = emit { emitOnServiceStopped() }
  override fun onDestroyed() = emit { emitOnServiceDestroyed() }
  override fun onTaskRemoved() = emit { emitOnTaskRemoved() }
  override fun onDismissed(callId: String) = emit { emitOnNotificationDismissed(event("callId" to callId)) }
  override fun onAppAction(id: String, callId: String) =
    emit { emitOnNotificationAction(event("callId" to callId, "id" to id)) }

  override fun onTapped(callId: String) = emit { emitOnNotificationTapped(event("callId" to callId)) }
  override fun onAction(action: String, callId: String) = when (action) {
    "hangup" -> emit { emitOnHangup(event("callId" to callId, "source" to "notification")) }
    "mute", "unmute" ->
      emit { emitOnMute(event("callId" to callId, "muted" to (action == "mute"), "source" to "notification")) }
    else -> Unit
  }

  // JavaScript's only app state on Android. React Native's AppState knows neither picture-in-picture nor a
  // destroyed activity (A18), and says `background` at a pause: a permission dialog, still visible (A2).
  override fun onActivityResumed(activity: Activity) = appState("active").also { current = activity }
  override fun onActivityPaused(activity: Activity) = if (activity.isInPictureInPictureMode) appState("pip") else Unit
  override fun onActivityStopped(activity: Activity) =
    if (activity === current && !activity.isChangingConfigurations) appState("background") else Unit
  override fun onActivityDestroyed(activity: Activity) {
    if (activity !== current || activity.isChangingConfigurations) return
    current = null
    appState("destroyed")
  }
  override fun onActivityCreated(activity: Activity, savedInstanceState: Bundle?) = Unit
  override fun onActivityStarted(activity: Activity) = Unit
  override fun onActivitySaveInstanceState(activity: Activity, outState: Bundle) = Unit

  // `active` carries the permissions: the user may have changed them while away (A6).
  private fun appState(next: String) {
    state = next
    val payload = if (next == "active") event("state" to next, "permissions" to permissions()) else event("state" to next)
    emit { emitOnAppStateChanged(payload) }
  }

  // The runtime permissions the engine reads (A4, A7); below API 33 notifications need none.
  private fun permissions() = mapOf(
    "microphone" to granted(Manifest.permission.RECORD_AUDIO),
    "camera" to granted(Manifest.permission.CAMERA),
    "notifications" to (if (Build.VERSION.SDK_INT < 33) "granted" else granted(Manifest.permission.POST_NOTIFICATIONS)),
  )

  private fun granted(permission: String) =
    if (reactApplicationContext.checkSelfPermission(permission) == PackageManager.PERMISSION_GRANTED) "granted" else "denied"

  private fun event(vararg fields: Pair<String, Any>): WritableMap = writable(mapOf(*fields))

  // Through React Native's own factories (native maps in an app; the JVM tests give JavaOnlyMap).
  private fun writable(map: Map<*, *>): WritableMap = Arguments.createMap().apply {
    for ((k, v) in map) {
      val key = "$k"
      when (v) {
        null -> putNull(key)
        is Boolean -> putBoolean(key, v)
        is Int -> putInt(key, v)
        is Number -> putDouble(key, v.toDouble())
        is Map<*, *> -> putMap(key, writable(v))
        is List<*> -> putArray(key, writable(v))
        is ReadableMap -> putMap(key, writable(v.toHashMap()))
        is ReadableArray -> putArray(key, writable(v.toArrayList()))
        else -> putString(key, "$v")
      }
    }
  }

  private fun writable(list: List<*>): WritableArray = Arguments.createArray().apply {
    for (v in list) {
      when (v) {
        null -> pushNull()
        is Boolean -> pushBoolean(v)
        is Int -> pushInt(v)
        is Number -> pushDouble(v.toDouble())
        is Map<*, *> -> pushMap(writable(v))
        is List<*> -> pushArray(writable(v))
        is ReadableMap -> pushMap(writable(v.toHashMap()))
        is ReadableArray -> pushArray(writable(v.toArrayList()))
        else -> pushString("$v")
      }
    }
  }

  private fun namesOf(types: ReadableArray) = (0 until types.size()).mapNotNull { types.getString(it) }

  private fun fallbacksOf(sets: ReadableArray) = (0 until sets.size()).mapNotNull { sets.getArray(it)?.let(::namesOf) }

  private fun specOf(m: ReadableMap): CallNotification {
    fun s(key: String) = m.getString(key).orEmpty()
    fun b(key: String) = m.getBoolean(key)
    val list = m.getArray("actions")
    val actions = (0 until (list?.size() ?: 0)).mapNotNull { list?.getMap(it) }
    val tap = if (m.hasKey("tap")) m.getMap("tap") else null
    val kind = tap?.getString("kind") ?: "launch"
    val target = if (kind == "uri") "uri" else "name"
    return CallNotification(
      s("channelId"), s("channelName"), s("title"), s("body"), s("smallIcon"), s("callId"), s("person"),
      b("callStyle"), b("immediate"), b("ongoing"), s("visibility"), m.getDouble("startedAt").toLong(), b("muted"),
      actions.map { it.getString("id").orEmpty() to it.getString("label").orEmpty() }, m.toHashMap(),
      NotificationTap(kind, tap?.takeIf { it.hasKey(target) }?.getString(target)),
      actions.filter { it.hasKey("kind") && it.getString("kind") == "app" }.map { it.getString("id").orEmpty() }.toSet(),
    )
  }
}
