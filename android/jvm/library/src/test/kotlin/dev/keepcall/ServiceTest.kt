package dev.keepcall

import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.os.Build
import android.os.Looper
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The service and its notification, driven through the TurboModule exactly as the JavaScript binding drives it. */
@RunWith(RobolectricTestRunner::class)
class ServiceTest {
  private lateinit var phone: Phone
  private lateinit var js: JavaScript

  @Before fun setUp() {
    phone = Phone()
    phone.declare(*APP_PERMISSIONS)
    js = JavaScript(phone)
  }

  private fun start(spec: com.facebook.react.bridge.JavaOnlyMap = nativeSpec(), vararg types: String = arrayOf("mediaPlayback", "microphone")) {
    val result = js.startService(spec, types.toList())
    assertFalse(result.rejected, "startService rejected: ${result.code} ${result.message}")
  }

  @Test fun `a start puts the service in the foreground with exactly the types and the notification asked for`() {
    start()
    assertEquals(mask("mediaPlayback", "microphone"), phone.foregroundTypes())
    val n = assertNotNull(phone.notification(), "the ongoing-call notification is shown")
    assertEquals("Alice", "${n.extras.getCharSequence(Notification.EXTRA_TITLE)}")
    assertEquals("Ongoing call", "${n.extras.getCharSequence(Notification.EXTRA_TEXT)}")
    assertEquals(Notification.CATEGORY_CALL, n.category)
    assertEquals(Notification.VISIBILITY_PUBLIC, n.visibility)
    assertTrue(n.flags and Notification.FLAG_ONGOING_EVENT != 0, "ongoing")
    assertEquals(1_700_000_000_000L, n.`when`)
    assertTrue(n.extras.getBoolean(Notification.EXTRA_SHOW_CHRONOMETER), "the call timer runs")
    assertEquals("keepcall_calls", n.channelId)
    val channel = assertNotNull(phone.app.getSystemService(NotificationManager::class.java).getNotificationChannel("keepcall_calls"))
    assertEquals("Calls", "${channel.name}")
    assertNull(channel.sound, "the channel is silent: an update never rings")
    assertEquals(listOf("onServiceStarted" to mapOf("types" to listOf("mediaPlayback", "microphone"))), js.events.map { it.name to it.fields })
  }

  @Test fun `API 31+ draws a CallStyle ongoing call for the person, shown at once, below, a plain notification with both buttons`() {
    start()
    val n = assertNotNull(phone.notification())
    if (Build.VERSION.SDK_INT >= 31) {
      assertEquals(Notification.CallStyle::class.java.name, n.extras.getString(Notification.EXTRA_TEMPLATE))
      assertEquals(Notification.CallStyle.CALL_TYPE_ONGOING, n.extras.getInt(Notification.EXTRA_CALL_TYPE))
      @Suppress("DEPRECATION") // the typed getParcelable is API 33+
      val person = assertNotNull(n.extras.getParcelable<android.app.Person>(Notification.EXTRA_CALL_PERSON))
      assertEquals("Alice", "${person.name}")
      assertTrue(n.shouldShowForegroundImmediately(), "immediate display (no 10 s deferral)")
      // CallStyle draws the hang-up button itself, with the system's label; mute is ours.
      assertEquals(mapOf("Hang Up" to "hangup", "Mute" to "mute"), phone.labels())
    } else {
      assertNull(n.extras.getString(Notification.EXTRA_TEMPLATE))
      assertEquals(mapOf("Hang up" to "hangup", "Mute" to "mute"), phone.labels())
    }
  }

  @Test fun `the tap opens the launch activity directly, and every PendingIntent is explicit and immutable`() {
    start()
    val n = assertNotNull(phone.notification())
    val content = shadowOf(n.contentIntent)
    assertTrue(content.isActivity, "the tap opens an activity itself (no trampoline, A11)")
    // The app's activity first; keepcall's tap activity, which reports the tap, over it.
    assertEquals(listOf("${Phone.PACKAGE}.MainActivity", KeepCallTapActivity::class.java.name), content.savedIntents.map { it.component?.className })
    val all = listOf(n.contentIntent, n.deleteIntent) + phone.buttons().values
    assertEquals(4, all.size)
    for (intent: PendingIntent in all) {
      for (sent in shadowOf(intent).savedIntents) assertNotNull(sent.component, "explicit: $intent")
      assertTrue(shadowOf(intent).flags and PendingIntent.FLAG_IMMUTABLE != 0, "immutable: $intent")
    }
  }

  @Test fun `an update is drawn in place, the timer's start kept, new types promote again`() {
    start()
    assertFalse(js.updateService(nativeSpec(title = "Alice (video)"), listOf("mediaPlayback", "microphone")).rejected)
    assertEquals(1, phone.services.size, "no second service")
    assertEquals(1, RefusingShadowService.calls.size, "no second startForeground for the same types")
    val n = assertNotNull(phone.notification())
    assertEquals("Alice (video)", "${n.extras.getCharSequence(Notification.EXTRA_TITLE)}")
    assertEquals(1_700_000_000_000L, n.`when`, "the call timer keeps its start")
    assertFalse(js.updateService(nativeSpec(), listOf("mediaPlayback", "microphone", "camera")).rejected)
    assertEquals(listOf(mask("mediaPlayback", "microphone"), mask("mediaPlayback", "microphone", "camera")), RefusingShadowService.calls)
    assertEquals(mask("mediaPlayback", "microphone", "camera"), phone.foregroundTypes())
    assertEquals(listOf("onServiceStarted"), js.events.map { it.name }, "started once; an update's success is its promise")
  }

  @Test fun `the mute button's label follows the call's mute state`() {
    start(nativeSpec(muted = false))
    assertEquals("mute", phone.labels()["Mute"])
    js.updateService(nativeSpec(muted = true), listOf("mediaPlayback", "microphone"))
    assertEquals("unmute", phone.labels()["Unmute"])
    assertTrue("Mute" !in phone.labels(), "${phone.labels()}")
  }

  @Test fun `hang-up and mute reach JavaScript as events with the call id`() {
    start(nativeSpec(callId = "call-42"))
    phone.tap(phone.buttons().getValue("mute"))
    phone.tap(phone.buttons().getValue("hangup"))
    assertEquals(
      listOf(
        "onMute" to mapOf("callId" to "call-42", "muted" to true, "source" to "notification"),
        "onHangup" to mapOf("callId" to "call-42", "source" to "notification"),
      ),
      js.events.drop(1).map { it.name to it.fields },
    )
  }

  @Test fun `a Kotlin app's listener and JavaScript both hear the buttons`() {
    val heard = mutableListOf<String>()
    KeepCallService.addListener(object : KeepCallService.Listener {
      override fun onAction(action: String, callId: String) { heard += "$action $callId" }
    })
    start()
    phone.tap(phone.buttons().getValue("hangup"))
    assertEquals(listOf("hangup c1"), heard)
    assertEquals("onHangup", js.events.last().name)
  }

  @Test fun `a stop before the promotion waits for it, then stops (A1)`() {
    js.module.startService(nativeSpec(), com.facebook.react.bridge.JavaOnlyArray.from(listOf("mediaPlayback")), com.facebook.react.bridge.JavaOnlyArray(), NoPromise)
    shadowOf(Looper.getMainLooper()).idle() // startForegroundService was called; Android has not created the service yet
    js.module.stopService(NoPromise)
    shadowOf(Looper.getMainLooper()).idle()
    phone.settle()
    assertEquals(listOf(mask("mediaPlayback")), RefusingShadowService.calls, "startForeground first, then the stop")
    assertNull(phone.live())
    assertNull(phone.notification())
    assertEquals(listOf("onServiceStarted", "onServiceStopped"), js.events.map { it.name })
  }

  @Test fun `a start while the service is finishing starts a new one instead of touching the dying one`() {
    start()
    js.module.stopService(NoPromise)
    shadowOf(Looper.getMainLooper()).idle() // stopSelf() called; Android has not destroyed it yet
    start(nativeSpec(title = "Bob"))
    assertEquals(2, phone.services.size, "a new service")
    val n = assertNotNull(phone.notification(), "the new call's notification stays")
    assertEquals("Bob", "${n.extras.getCharSequence(Notification.EXTRA_TITLE)}")
    assertEquals(mask("mediaPlayback", "microphone"), phone.foregroundTypes())
    assertEquals(true, (js.snapshot()["service"] as Map<*, *>)["running"])
  }

  @Test fun `an update while the service is finishing starts a new one too`() {
    start()
    js.module.stopService(NoPromise)
    shadowOf(Looper.getMainLooper()).idle()
    val result = js.updateService(nativeSpec(title = "Bob"), listOf("mediaPlayback"))
    assertFalse(result.rejected, "${result.message}")
    assertEquals(2, phone.services.size)
    assertEquals("Bob", "${assertNotNull(phone.notification()).extras.getCharSequence(Notification.EXTRA_TITLE)}")
    assertEquals(mask("mediaPlayback"), phone.foregroundTypes())
  }

  @Test fun `an update with nothing running is refused, naming it`() {
    val result = js.updateService(nativeSpec(), listOf("mediaPlayback"))
    assertEquals("port-failed", result.code)
    assertTrue("not running" in result.message.orEmpty(), "${result.message}")
  }

  @Test fun `snapshot reports what the service holds, and nothing once stopped`() {
    start(nativeSpec(title = "Alice"), "mediaPlayback", "microphone")
    val service = js.snapshot()["service"] as Map<*, *>
    assertEquals(true, service["running"])
    assertEquals(true, service["promoted"])
    assertEquals(listOf("mediaPlayback", "microphone"), service["types"])
    assertEquals(plain(nativeSpec(title = "Alice")), service["notification"])
    assertFalse(js.stopService().rejected)
    val stopped = js.snapshot()["service"] as Map<*, *>
    assertEquals(false, stopped["running"])
    assertEquals(emptyList<Any>(), stopped["types"])
    assertNull(stopped["notification"])
  }

  @Test fun `the task removed, the system's destruction and the time-out are reported`() {
    start()
    phone.live()!!.get().onTaskRemoved(null)
    if (Build.VERSION.SDK_INT >= 35) {
      phone.live()!!.get().onTimeout(1, mask("mediaPlayback"))
      phone.settle()
      assertEquals(listOf("onServiceStarted", "onTaskRemoved", "onServiceTimeout", "onServiceStopped"), js.events.map { it.name })
      assertEquals(mapOf("fgsType" to "mediaPlayback"), js.events[2].fields)
      assertNull(phone.live(), "a timed-out service stops")
    } else {
      phone.live()!!.destroy() // the system ends it (low memory): not a stop keepcall asked for
      assertEquals(listOf("onServiceStarted", "onTaskRemoved", "onServiceDestroyed"), js.events.map { it.name })
    }
  }

  @Test fun `platform info — the API level, the library's and the app's permissions, the service's types`() {
    val info = plain(js.module.getPlatformInfo()) as Map<*, *>
    assertEquals("android", info["os"])
    assertEquals(Build.VERSION.SDK_INT.toDouble(), (info["apiLevel"] as Number).toDouble())
    val declared = info["declared"] as List<*>
    assertTrue("WAKE_LOCK" in declared && "FOREGROUND_SERVICE_MICROPHONE" in declared, "$declared")
    assertEquals(setOf("mediaPlayback", "microphone", "camera", "phoneCall"), (info["serviceTypes"] as List<*>).toSet())
  }
}
