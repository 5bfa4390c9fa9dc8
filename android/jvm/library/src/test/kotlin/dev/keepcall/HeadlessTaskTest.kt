@file:Suppress("DEPRECATION", "OVERRIDE_DEPRECATION") // ReactApplication still declares the old architecture's ReactNativeHost

package dev.keepcall

import android.app.Application
import android.app.Service
import com.facebook.react.ReactApplication
import com.facebook.react.ReactHost
import com.facebook.react.ReactNativeHost
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowPowerManager
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/** A React Native app whose JavaScript is not running yet (a cold start): no host has a React context. */
class ColdReactApp : Application(), ReactApplication {
  override val reactNativeHost: ReactNativeHost get() = error("this app runs the new architecture")
  override val reactHost: ReactHost? get() = null
}

/** The headless task: JavaScript started for a service that runs while no JavaScript listens. */
@RunWith(RobolectricTestRunner::class)
@Config(application = ColdReactApp::class)
class HeadlessTaskTest {
  private lateinit var phone: Phone

  @Before fun setUp() {
    phone = Phone()
    phone.declare(*APP_PERMISSIONS)
  }

  @Test fun `a cold start with no JavaScript listening starts the headless task`() {
    KeepCallService.launch(phone.app, listOf("mediaPlayback"), CallNotification.default())
    phone.settle()
    assertEquals(1, phone.headlessStarts.size)
  }

  @Test fun `with JavaScript listening there is no headless task`() {
    JavaScript(phone)
    KeepCallService.launch(phone.app, listOf("mediaPlayback"), CallNotification.default())
    phone.settle()
    assertEquals(0, phone.headlessStarts.size)
  }

  @Test fun `the headless task holds a wake lock, and React Native not being ready cannot crash the app`() {
    val task = Robolectric.buildService(KeepCallTaskService::class.java).create()
    // ColdReactApp has no React host yet: React Native's own startTask throws; on the main thread, a crash.
    val result = task.get().onStartCommand(null, 0, 1)
    assertEquals(Service.START_NOT_STICKY, result)
    assertTrue(shadowOf(task.get()).isStoppedBySelf, "the task gives up; the next start retries")
    val lock = assertNotNull(ShadowPowerManager.getLatestWakeLock(), "a wake lock was asked for")
    assertTrue(lock.isHeld, "the library declares WAKE_LOCK, so the lock is held")
  }

  @Test fun `a wake lock refused (no WAKE_LOCK in the app's manifest) cannot crash the app either`() {
    phone.undeclare("android.permission.WAKE_LOCK")
    val task = Robolectric.buildService(KeepCallTaskService::class.java).create()
    assertEquals(Service.START_NOT_STICKY, task.get().onStartCommand(null, 0, 1))
    assertTrue(shadowOf(task.get()).isStoppedBySelf)
  }
}
