package dev.keepcall

import android.app.Notification
import android.os.Build
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

@RunWith(RobolectricTestRunner::class)
class ServiceTest {
  private lateinit var phone: Phone
  private lateinit var js: JavaScript

  @Before fun setUp() {
    phone = Phone()
    phone.declare(*APP_PERMISSIONS)
    js = JavaScript(phone)
  }

  @Test fun `a start puts the service in the foreground with exactly the types asked for`() {
    val result = js.startService(nativeSpec(), listOf("mediaPlayback", "microphone"))
    assertFalse(result.rejected, "${result.message}")
    assertEquals(mask("mediaPlayback", "microphone"), phone.foregroundTypes())
    val notification = assertNotNull(phone.notification())
    assertEquals("Alice", notification.extras.getCharSequence(Notification.EXTRA_TITLE).toString())
    assertEquals(listOf("onServiceStarted"), js.events.map { it.name })
    assertTrue(Build.VERSION.SDK_INT >= 29)
  }
}
