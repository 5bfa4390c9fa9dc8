package dev.keepcall

import android.app.Notification
import android.app.Service
import android.content.Context
import android.content.Intent
import android.content.pm.ServiceInfo
import android.os.IBinder
import androidx.core.app.NotificationManagerCompat
import androidx.core.app.ServiceCompat
import androidx.core.content.ContextCompat
import com.facebook.react.ReactApplication

/**
 * The ongoing-call foreground service: a thin executor. It runs with the notification and types it
 * was given; its only decision is A1's deadline fallback (narrow, then promote bare and stop).
 * Everything runs on the main thread; the module posts there.
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
    fun onDismissed(callId: String) {}
  }

  companion object {
    @Volatile var listener: Listener? = null
    @Volatile internal var spec: CallNotification? = null
    @Volatile internal var types: List<String> = emptyList()
    @Volatile internal var custom: Notification? = null
    @Volatile internal var instance: KeepCallService? = null
    @Volatile internal var starting = false
    @Volatile internal var promoted = false
    @Volatile internal var stopRequested = false

    private val TYPE_BITS = mapOf(
      "mediaPlayback" to ServiceInfo.FOREGROUND_SERVICE_TYPE_MEDIA_PLAYBACK,
      "microphone" to ServiceInfo.FOREGROUND_SERVICE_TYPE_MICROPHONE,
      "camera" to ServiceInfo.FOREGROUND_SERVICE_TYPE_CAMERA,
      "phoneCall" to ServiceInfo.FOREGROUND_SERVICE_TYPE_PHONE_CALL,
    )
    // While-in-use types (A4): the ones a background promotion is refused.
    private val WHILE_IN_USE = setOf("microphone", "camera")

    /**
     * Starts, or updates in-process when running; A2's exception is thrown here, in the caller. Also seed 004's
     * `launch` for a Kotlin app without JavaScript, which passes its own types.
     */
    @JvmStatic @JvmOverloads
    fun launch(
      context: Context,
      types: List<String> = listOf("mediaPlayback", "microphone"),
      spec: CallNotification = CallNotification.default(),
    ) {
      stopRequested = false
      if (update(spec, types)) return
      starting = true
      runCatching { ContextCompat.startForegroundService(context, Intent(context, KeepCallService::class.java)) }
        .onFailure { starting = false }
        .getOrThrow()
    }

    /** Stops the service and removes its notification (seed 004's `abort`). */
    @JvmStatic fun abort(context: Context) = stop()

    /** Replaces the drawn notification with the app's own (seed 004's custom notification); null restores. */
    @JvmStatic fun setNotification(notification: Notification?) = run { custom = notification }

    /** Updates a running service in-process, never through a new start intent. False when none runs. */
    fun update(spec: CallNotification, types: List<String>): Boolean {
      val service = instance?.takeIf { promoted && !starting }
      // Recorded only once drawn: refused, the service keeps what it had, and snapshot() must say so (A6).
      service?.present(spec, types)?.let { throw it }
      this.spec = spec
      this.types = types
      return starting || service != null // a starting service draws the latest spec in onStartCommand
    }

    /** A stop that arrives before the promotion waits for it (A1: stopSelf first would crash). */
    fun stop() {
      if (starting && !promoted) stopRequested = true else instance?.finish()
    }

    fun typeNames(mask: Int): List<String> = TYPE_BITS.filterValues { mask and it != 0 }.keys.toList()

    private fun mask(types: List<String>) = types.fold(0) { acc, t -> acc or (TYPE_BITS[t] ?: 0) }

    /** Names a platform exception with a KeepCallErrorCode. */
    fun codeOf(e: Throwable): String = when {
      e.javaClass.simpleName.contains("StartNotAllowed") -> "start-not-allowed"
      e.javaClass.simpleName.contains("ForegroundServiceType") -> "type-not-declared"
      e is SecurityException -> "missing-permission"
      e is IllegalArgumentException -> "type-not-declared"
      else -> "port-failed"
    }
  }

  private var finishing = false
  private var appliedTypes: List<String>? = null

  override fun onBind(intent: Intent?): IBinder? = null

  override fun onCreate() {
    super.onCreate()
    instance = this
  }

  override fun onStartCommand(intent: Intent?, flags: Int, startId: Int): Int {
    starting = false
    if (!promoted) promote()
    if (stopRequested) finish()
    else if (listener == null && application is ReactApplication) startHeadlessTask()
    return START_NOT_STICKY
  }

  /** A1: reach startForeground() at once; narrow, then go bare and stop, rather than crash. */
  private fun promote() {
    val wanted = types
    val error = present(spec, wanted) ?: return
    val minimal = wanted.filter { it !in WHILE_IN_USE }.ifEmpty { listOf("mediaPlayback") }
    if (minimal != wanted && present(spec, minimal) == null) {
      types = minimal
      listener?.onNarrowed(minimal, "${error.javaClass.simpleName}: ${error.message}")
      return
    }
    val bare = KeepCallNotification.minimal(this, "keepcall_ongoing")
    val promotedBare = runCatching { ServiceCompat.startForeground(this, KeepCallNotification.ID, bare, mask(minimal)) }
    listener?.onFailed(codeOf(error), error.message ?: "", error.javaClass.name)
    if (promotedBare.isSuccess) finish() else stopSelf()
  }

  /** Draws the notification and, when the types changed, calls startForeground (A6). */
  private fun present(spec: CallNotification?, wanted: List<String>): Throwable? = try {
    val notification = custom ?: KeepCallNotification.build(this, spec ?: CallNotification.default())
    if (promoted && wanted == appliedTypes) {
      NotificationManagerCompat.from(this).notify(KeepCallNotification.ID, notification)
    } else {
      ServiceCompat.startForeground(this, KeepCallNotification.ID, notification, mask(wanted))
      promoted = true
      appliedTypes = wanted
      listener?.onStarted(wanted)
    }
    null
  } catch (e: RuntimeException) { e }

  internal fun finish() {
    finishing = true
    ServiceCompat.stopForeground(this, ServiceCompat.STOP_FOREGROUND_REMOVE)
    stopSelf()
  }

  override fun onTaskRemoved(rootIntent: Intent?) = listener?.onTaskRemoved() ?: Unit

  // API 35: a time-limited type ran out; the service must stop within seconds.
  override fun onTimeout(startId: Int, fgsType: Int) {
    listener?.onTimeout(typeNames(fgsType).firstOrNull() ?: fgsType.toString())
    finish()
  }

  override fun onDestroy() {
    ServiceCompat.stopForeground(this, ServiceCompat.STOP_FOREGROUND_REMOVE)
    instance = null
    promoted = false
    starting = false
    stopRequested = false
    if (finishing) listener?.onStopped() else listener?.onDestroyed()
    super.onDestroy()
  }

  // A cold start: the service runs but no JavaScript runtime listens; run the headless task.
  private fun startHeadlessTask() = runCatching { startService(Intent(this, KeepCallTaskService::class.java)) }
}
