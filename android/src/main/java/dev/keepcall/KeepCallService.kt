package dev.keepcall

import android.app.ForegroundServiceStartNotAllowedException
import android.app.ForegroundServiceTypeException
import android.app.Notification
import android.app.NotificationManager
import android.app.Service
import android.content.Context
import android.content.Intent
import android.content.pm.ServiceInfo
import android.os.Build
import android.os.IBinder
import android.util.Log
import com.facebook.react.ReactApplication
import java.util.concurrent.CopyOnWriteArraySet

/**
 * The ongoing-call foreground service: a thin executor. It runs with the notification and types it was
 * given and, refused them, with the first of the fallbacks it was given that the platform takes (A1); its
 * only step of its own is the deadline's safety net: none taken, it goes bare and stops.
 * Everything runs on the main thread; the module posts there. React Native is optional: a Kotlin app
 * without it uses `launch`/`abort` and a listener.
 */
class KeepCallService : Service() {
  /** What the service reports; the TurboModule implements it, and so can a Kotlin app. */
  interface Listener {
    fun onStarted(types: List<String>) {}
    fun onNarrowed(types: List<String>, reason: String) {}
    fun onFailed(code: String, message: String, exception: String) {}
    fun onTimeout(fgsType: String) {}
    fun onStopped() {}
    fun onDestroyed() {}
    fun onTaskRemoved() {}
    fun onAction(action: String, callId: String) {}
    /** One of the app's own buttons (NotificationSpec actions of kind 'app'), by its id. */
    fun onAppAction(id: String, callId: String) {}
    fun onDismissed(callId: String) {}
    /** The notification's tap opened the app (reported by KeepCallTapActivity). */
    fun onTapped(callId: String) {}
  }

  companion object {
    /** Everyone listening: the JavaScript module and any of the app's own; each hears every report. */
    internal val listeners = CopyOnWriteArraySet<Listener>()
    @Volatile internal var spec: CallNotification? = null
    @Volatile internal var types: List<String> = emptyList()
    /** What the first startForeground() falls back to, in order, when [types] are refused (computed in TypeScript). */
    @Volatile internal var fallbacks: List<List<String>> = emptyList()
    @Volatile internal var custom: Notification? = null
    /** The live service; null again as soon as it starts finishing, so a later start never touches it. */
    @Volatile internal var instance: KeepCallService? = null
    @Volatile internal var starting = false
    @Volatile internal var stopRequested = false
    /** A service that is finishing: an update then starts a new one rather than fail. */
    @Volatile internal var finishing: KeepCallService? = null
    internal val promoted get() = instance?.appliedTypes != null

    private val TYPE_BITS = mapOf(
      "mediaPlayback" to ServiceInfo.FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK,
      "microphone" to ServiceInfo.FOREGROUND_SERVICE_TYPE_MICROPHONE,
      "camera" to ServiceInfo.FOREGROUND_SERVICE_TYPE_CAMERA,
      "phoneCall" to ServiceInfo.FOREGROUND_SERVICE_TYPE_PHONE_CALL,
    )
    /** Listens to the service; several may (the JavaScript module and the app's own Kotlin). */
    @JvmStatic fun addListener(listener: Listener) = listeners.add(listener)

    @JvmStatic fun removeListener(listener: Listener) = listeners.remove(listener)

    /**
     * Starts, or updates in-process when running; A2's exception is thrown here, in the caller. Also seed 004's
     * `launch` for a Kotlin app without JavaScript, which passes its own types and, if it wants any, fallbacks.
     */
    @JvmStatic @JvmOverloads
    fun launch(
      context: Context,
      types: List<String> = listOf("mediaPlayback", "microphone"),
      spec: CallNotification = CallNotification.default(),
      fallbacks: List<List<String>> = emptyList(),
    ) {
      stopRequested = false
      if (update(spec, types, fallbacks)) return
      starting = true
      val intent = Intent(context, KeepCallService::class.java)
      runCatching { if (Build.VERSION.SDK_INT >= 26) context.startForegroundService(intent) else context.startService(intent) }
        .onFailure { starting = false }
        .getOrThrow()
    }

    /** Stops the service and removes its notification (seed 004's `abort`). */
    @JvmStatic fun abort(@Suppress("UNUSED_PARAMETER") context: Context) = stop()

    /** Replaces the drawn notification with the app's own (seed 004's custom notification); null restores. */
    @JvmStatic fun setNotification(notification: Notification?) = run { custom = notification }

    /** Updates a running service in-process, never through a new start intent. False when none runs. */
    fun update(spec: CallNotification, types: List<String>, fallbacks: List<List<String>> = emptyList()): Boolean {
      val service = instance?.takeIf { promoted && !starting }
      // Recorded only once drawn: refused, the service keeps what it had, and snapshot() must say so (A6).
      service?.present(spec, types)?.let { throw it }
      this.spec = spec
      this.types = types
      this.fallbacks = fallbacks
      return starting || service != null // a starting service draws the latest spec in onStartCommand
    }

    /** A stop that arrives before the promotion waits for it (A1: stopSelf first would crash). */
    fun stop() {
      if (starting && !promoted) stopRequested = true else instance?.finish()
    }

    fun typeNames(mask: Int): List<String> = TYPE_BITS.filterValues { mask and it != 0 }.keys.toList()

    private fun mask(types: List<String>) = types.fold(0) { acc, t -> acc or (TYPE_BITS[t] ?: 0) }

    /** Names a platform exception with a KeepCallErrorCode; only a service-type refusal is `type-not-declared`. */
    fun codeOf(e: Throwable): String = when {
      Build.VERSION.SDK_INT >= 31 && e is ForegroundServiceStartNotAllowedException -> "start-not-allowed"
      Build.VERSION.SDK_INT >= 34 && e is ForegroundServiceTypeException -> "type-not-declared"
      // API 29–33: startForeground's own words for types the manifest does not declare.
      e is IllegalArgumentException && e.message.orEmpty().contains("foregroundServiceType") -> "type-not-declared"
      e is SecurityException -> "missing-permission"
      else -> "port-failed"
    }
  }

  private var appliedTypes: List<String>? = null

  override fun onBind(intent: Intent?): IBinder? = null

  override fun onCreate() {
    super.onCreate()
    instance = this
  }

  override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int {
    // A start Android hands to a service that was finishing makes it the live one again (no start is lost).
    if (instance == null) instance = this.also { if (finishing === it) finishing = null }
    if (instance !== this) return START_NOT_STICKY
    starting = false
    if (!promoted) promote()
    if (stopRequested) finish() else if (instance === this && needsHeadlessTask()) startHeadlessTask()
    return START_NOT_STICKY
  }

  /** A1: reach startForeground() at once: the types, else the first fallback taken, else bare, then stop. */
  private fun promote() {
    val wanted = types
    val error = present(spec, wanted) ?: return listeners.forEach { it.onStarted(wanted) }
    val code = codeOf(error)
    Log.w("KeepCall", "startForeground refused $wanted ($code)", error)
    fallbacks.firstOrNull { present(spec, it) == null }?.let { taken ->
      types = taken
      return listeners.forEach { it.onNarrowed(taken, code) }
    }
    listeners.forEach { it.onFailed(code, error.message ?: "", error.javaClass.name) }
    // Nothing taken with the spec's notification: the bare one, so that the service still called
    // startForeground() before it stops (stopping without it crashes the app, A1); the manifest's types last.
    val bare = KeepCallNotification.minimal(this, spec)
    (listOf(wanted) + fallbacks + null).any { runCatching { foreground(bare, it) }.isSuccess }
    finish()
  }

  /** Draws the notification and, when the types changed, calls startForeground (A6); a failure is returned. */
  private fun present(spec: CallNotification?, wanted: List<String>): Throwable? = try {
    val notification = custom ?: KeepCallNotification.build(this, spec ?: CallNotification.default())
    if (wanted == appliedTypes) {
      getSystemService(NotificationManager::class.java).notify(KeepCallNotification.ID, notification)
    } else {
      foreground(notification, wanted)
      appliedTypes = wanted
    }
    null
  } catch (e: RuntimeException) { e }

  // The types only exist from API 29; null: the manifest's.
  private fun foreground(notification: Notification, types: List<String>?) =
    if (Build.VERSION.SDK_INT >= 29 && types != null) startForeground(KeepCallNotification.ID, notification, mask(types))
    else startForeground(KeepCallNotification.ID, notification)

  /** Leaves the foreground and stops; from here on the service is no one's to update (a new start gets a new one). */
  internal fun finish() {
    if (instance === this) instance = null
    finishing = this
    appliedTypes = null
    removeForeground()
    stopSelf()
  }

  override fun onTaskRemoved(rootIntent: Intent?) = listeners.forEach { it.onTaskRemoved() }

  // API 35: a time-limited type ran out; the service must stop within seconds.
  override fun onTimeout(startId: Int, fgsType: Int) {
    listeners.forEach { it.onTimeout(typeNames(fgsType).firstOrNull() ?: fgsType.toString()) }
    finish()
  }

  override fun onDestroy() {
    val finished = finishing === this
    if (finished) finishing = null else removeForeground() // finish() did; a new service may hold the same id now
    // The statics are the live service's: a new one may already have started while this one finished.
    if (instance === this) {
      instance = null
      starting = false
      stopRequested = false
    }
    listeners.forEach { if (finished) it.onStopped() else it.onDestroyed() }
    super.onDestroy()
  }

  private fun removeForeground() = stopForeground(STOP_FOREGROUND_REMOVE)

  // A cold start: the service runs but no JavaScript runtime listens; the headless task starts it. An app
  // without React Native has neither class: then there is nothing to start.
  private fun needsHeadlessTask() = try {
    application is ReactApplication && listeners.none { it is KeepCallModule }
  } catch (e: NoClassDefFoundError) {
    false
  }

  private fun startHeadlessTask() = runCatching { startService(Intent(this, KeepCallTaskService::class.java)) }
}
