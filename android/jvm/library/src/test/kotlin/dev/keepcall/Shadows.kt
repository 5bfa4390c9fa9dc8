package dev.keepcall

import android.app.Notification
import android.app.Service
import android.content.pm.PackageManager
import android.os.PowerManager
import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.CxxCallbackImpl
import com.facebook.react.bridge.JavaOnlyArray
import com.facebook.react.bridge.JavaOnlyMap
import com.facebook.react.bridge.ReadableMap
import com.facebook.react.bridge.WritableArray
import com.facebook.react.bridge.WritableMap
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Implementation
import org.robolectric.annotation.Implements
import org.robolectric.shadows.ShadowPowerManager
import org.robolectric.shadows.ShadowService

/**
 * React Native's maps are C++ objects (WritableNativeMap); on the JVM its Java-only twins stand in, as in
 * React Native's own unit tests. The module builds every payload through these two factories.
 */
@Implements(Arguments::class)
class ShadowArguments {
  companion object {
    @JvmStatic @Implementation fun createMap(): WritableMap = JavaOnlyMap()

    @JvmStatic @Implementation fun createArray(): WritableArray = JavaOnlyArray()
  }
}

/** The event emitter's callback into JavaScript: records each event instead of crossing into C++. */
@Implements(CxxCallbackImpl::class)
class ShadowCxxCallbackImpl {
  @Implementation fun invoke(vararg args: Any?) {
    events += Event(args[0] as String, args.getOrNull(1) as ReadableMap?)
  }

  companion object {
    /** What JavaScript would have received, in order. */
    val events = mutableListOf<Event>()
  }
}

/** One event as JavaScript receives it: its name and payload (null for the void ones). */
data class Event(val name: String, val payload: ReadableMap?) {
  val fields: Map<String, Any?> get() = payload?.toHashMap().orEmpty()
}

/**
 * The platform's refusals of `startForeground`, which Robolectric does not model: a test says which type
 * masks are refused and with what (SecurityException, InvalidForegroundServiceTypeException, …).
 */
@Implements(Service::class)
class RefusingShadowService : ShadowService() {
  @Implementation public override fun startForeground(id: Int, notification: Notification, foregroundServiceType: Int) {
    refusal(foregroundServiceType)?.let { throw it }
    calls += foregroundServiceType
    super.startForeground(id, notification, foregroundServiceType)
  }

  // Without types (API 29+: the manifest's, FOREGROUND_SERVICE_TYPE_MANIFEST).
  @Implementation public override fun startForeground(id: Int, notification: Notification) {
    refusal(MANIFEST)?.let { throw it }
    calls += MANIFEST
    super.startForeground(id, notification)
  }

  companion object {
    /** The exception a `startForeground` with this type mask gets, or null when it is allowed. */
    var refusal: (Int) -> RuntimeException? = { null }

    const val MANIFEST = -1

    /** The type masks of every `startForeground` the platform accepted, in order (MANIFEST: none given). */
    val calls = mutableListOf<Int>()
  }
}

/** A wake lock needs WAKE_LOCK in the merged manifest; PowerManagerService throws without it. */
@Implements(PowerManager.WakeLock::class)
class CheckedShadowWakeLock : ShadowPowerManager.ShadowWakeLock() {
  @Implementation override fun acquire() {
    val app = RuntimeEnvironment.getApplication()
    val requested = app.packageManager.getPackageInfo(app.packageName, PackageManager.GET_PERMISSIONS).requestedPermissions
    if (requested?.contains("android.permission.WAKE_LOCK") != true) {
      throw SecurityException("Neither user 10001 nor current process has android.permission.WAKE_LOCK.")
    }
    super.acquire()
  }
}
