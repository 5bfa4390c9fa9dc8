package dev.keepcall

import android.app.Notification
import android.app.Service
import android.content.pm.PackageManager
import android.os.PowerManager
import org.robolectric.RuntimeEnvironment
import org.robolectric.annotation.Implementation
import org.robolectric.annotation.Implements
import org.robolectric.shadows.ShadowPowerManager
import org.robolectric.shadows.ShadowService

/**
 * The platform's refusals of `startForeground`, which Robolectric does not model: a test says which type
 * masks are refused and with what (SecurityException, InvalidForegroundServiceTypeException, …).
 */
@Implements(Service::class)
class RefusingShadowService : ShadowService() {
  private var typed = false

  @Implementation public override fun startForeground(id: Int, notification: Notification, foregroundServiceType: Int) {
    refusal(foregroundServiceType)?.let { throw it }
    calls += foregroundServiceType
    typed = true // Robolectric's own implementation goes through the one without types
    try {
      super.startForeground(id, notification, foregroundServiceType)
    } finally {
      typed = false
    }
  }

  // Without types (API 29+: the manifest's, FOREGROUND_SERVICE_TYPE_MANIFEST).
  @Implementation public override fun startForeground(id: Int, notification: Notification) {
    if (!typed) {
      refusal(MANIFEST)?.let { throw it }
      calls += MANIFEST
    }
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
