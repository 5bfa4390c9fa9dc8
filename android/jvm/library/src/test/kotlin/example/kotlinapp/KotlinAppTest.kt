package example.kotlinapp

import android.app.Notification
import dev.keepcall.APP_PERMISSIONS
import dev.keepcall.CallNotification
import dev.keepcall.KeepCallService
import dev.keepcall.Phone
import dev.keepcall.mask
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * An app with no React Native (seed 004's CometChat-style Kotlin use): a plain Application, and React
 * Native's classes are not even on the classpath (android/jvm/library/pom.xml's `no-react-native` run).
 */
@RunWith(RobolectricTestRunner::class)
class KotlinAppTest {
  private lateinit var phone: Phone

  @Before fun setUp() {
    phone = Phone()
    phone.declare(*APP_PERMISSIONS)
  }

  @Test fun `launch, the buttons and abort work without React Native`() {
    assertTrue(runCatching { Class.forName("com.facebook.react.ReactApplication") }.isFailure, "no React Native here")
    val heard = mutableListOf<String>()
    KeepCallService.addListener(object : KeepCallService.Listener {
      override fun onAction(action: String, callId: String) { heard += "$action $callId" }
    })
    KeepCallService.launch(phone.app, listOf("mediaPlayback", "microphone"), CallNotification.default("meeting-1"))
    phone.settle()
    assertEquals(mask("mediaPlayback", "microphone"), phone.foregroundTypes())
    val n = assertNotNull(phone.notification())
    assertEquals("Call in progress", "${n.extras.getCharSequence(Notification.EXTRA_TITLE)}")
    assertEquals(0, phone.headlessStarts.size, "no JavaScript to start")
    phone.tap(phone.buttons().getValue("hangup"))
    assertEquals(listOf("hangup meeting-1"), heard)
    KeepCallService.abort(phone.app)
    phone.settle()
    assertNull(phone.live())
    assertNull(phone.notification())
  }
}
