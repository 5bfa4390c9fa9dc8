package dev.keepcall

import android.app.Activity
import android.app.Notification
import android.app.PendingIntent
import android.content.ComponentName
import android.content.Intent
import android.content.IntentFilter
import android.os.Build
import com.facebook.react.bridge.JavaOnlyArray
import com.facebook.react.bridge.JavaOnlyMap
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.android.controller.ActivityController
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/**
 * What an app shapes of the notification from JavaScript (issue 17 item 6), drawn by the real framework: the
 * tap opens the activity or deep link the spec names, directly and immutably (A11), and is reported with the
 * call id; the app's own buttons go through keepcall's receiver and come back as onNotificationAction.
 */
@RunWith(RobolectricTestRunner::class)
class NotificationShapeTest {
  private lateinit var phone: Phone
  private lateinit var js: JavaScript

  @Before fun setUp() {
    phone = Phone()
    phone.declare(*APP_PERMISSIONS)
    js = JavaScript(phone)
    val pm = shadowOf(phone.app.packageManager)
    pm.addActivityIfNotPresent(ComponentName(phone.app.packageName, CALL_ACTIVITY))
    // The app's deep-link activity: it views example://call/… links.
    val links = ComponentName(phone.app.packageName, LINK_ACTIVITY)
    pm.addActivityIfNotPresent(links)
    pm.addIntentFilterForActivity(
      links,
      IntentFilter(Intent.ACTION_VIEW).apply {
        addCategory(Intent.CATEGORY_DEFAULT)
        addDataScheme("example")
      },
    )
  }

  /** The spec the binding sends, with a tap target and the app's own buttons after keepcall's. */
  private fun shaped(tap: Map<String, String>, vararg app: Pair<String, String>, callId: String = "c1"): JavaOnlyMap {
    val spec = nativeSpec(callId = callId)
    val keepcall = listOf("hangup" to "Hang up", "mute" to "Mute").map { (id, label) -> JavaOnlyMap.of("id", id, "label", label) }
    val own = app.map { (id, label) -> JavaOnlyMap.of("id", id, "label", label, "kind", "app") }
    spec.putArray("actions", JavaOnlyArray.from(keepcall + own))
    spec.putMap("tap", JavaOnlyMap().apply { for ((key, value) in tap) putString(key, value) })
    return spec
  }

  private fun started(spec: JavaOnlyMap): Notification {
    val result = js.startService(spec, listOf("mediaPlayback"))
    assertTrue(!result.rejected, "${result.message}")
    return assertNotNull(phone.notification())
  }

  private fun immutable(intent: PendingIntent) =
    assertTrue(shadowOf(intent).flags and PendingIntent.FLAG_IMMUTABLE != 0, "immutable (A11)")

  /**
   * What Android does with the tap's PendingIntent: starts each activity it names, the app's first. One
   * already running ([running], as CLEAR_TOP and SINGLE_TOP make it) gets the intent in onNewIntent, which a
   * plain Activity keeps to itself (no setIntent); any other is created, and resumed unless it finished in
   * onCreate. Returns the intent of the activity the tap opens.
   */
  private fun open(content: PendingIntent, running: ActivityController<Activity>? = null): Intent {
    assertTrue(shadowOf(content).isActivity, "the tap opens an activity itself, no trampoline (A11)")
    for (intent in shadowOf(content).savedIntents) {
      val name = intent.component?.className
      if (running != null && name == running.get().intent.component?.className) {
        running.newIntent(intent)
        continue
      }
      // The app's activities are names only here; keepcall's are its classes.
      @Suppress("UNCHECKED_CAST")
      val type = runCatching { Class.forName(name.orEmpty()) as Class<Activity> }.getOrDefault(Activity::class.java)
      val created = Robolectric.buildActivity(type, intent).create()
      if (created.get().isFinishing) created.destroy() else created.start().resume()
    }
    phone.settle()
    return shadowOf(content).savedIntents.first()
  }

  private fun taps() = js.events.filter { it.name == "onNotificationTapped" }.map { it.fields }

  @Test fun `the app's buttons follow keepcall's and each press comes back with its id and the call id`() {
    val notification = started(shaped(mapOf("kind" to "launch"), "raise-hand" to "Raise hand", callId = "room:7"))
    val titles = notification.actions.map { it.title.toString() }
    // CallStyle (API 31+) draws its own Hang Up (where it places it varies by level) and two custom actions
    // (A14); below it, ours is a button like the others. The rest keep the spec's order.
    val hangUp = if (Build.VERSION.SDK_INT >= 31) "Hang Up" else "Hang up"
    assertEquals(3, titles.size, "$titles")
    assertTrue(hangUp in titles, "$titles")
    assertEquals(listOf("Mute", "Raise hand"), titles - hangUp)
    val raise = notification.actions.first { it.title.toString() == "Raise hand" }
    immutable(raise.actionIntent)
    assertTrue(shadowOf(raise.actionIntent).isBroadcast, "through keepcall's receiver")

    phone.tap(raise.actionIntent)
    val event = js.events.last()
    assertEquals("onNotificationAction", event.name)
    assertEquals(mapOf("callId" to "room:7", "id" to "raise-hand"), event.fields)
    // Not keepcall's: no hang-up and no mute reached JavaScript.
    assertTrue(js.events.none { it.name == "onHangup" || it.name == "onMute" })
  }

  @Test fun `by default the tap opens the launch activity, and the tap is reported once with the call id`() {
    val content = assertNotNull(started(shaped(mapOf("kind" to "launch"))).contentIntent)
    immutable(content)
    val sent = open(content)
    assertEquals("${Phone.PACKAGE}.MainActivity", sent.component?.className)
    assertEquals(listOf(mapOf("callId" to "c1")), taps())
    // The tap is reported once: the same activity resumed again with the tap's intent reports nothing more.
    Robolectric.buildActivity(Activity::class.java, sent).create().start().resume()
    assertEquals(1, taps().size)
  }

  @Test fun `a named activity of the app opens directly, explicitly`() {
    val content = assertNotNull(started(shaped(mapOf("kind" to "activity", "name" to CALL_ACTIVITY))).contentIntent)
    immutable(content)
    val sent = open(content)
    assertEquals(ComponentName(phone.app.packageName, CALL_ACTIVITY), sent.component)
    assertEquals(listOf("c1"), js.events.filter { it.name == "onNotificationTapped" }.map { it.fields["callId"] })
  }

  @Test fun `a deep link is viewed by the app's own activity that handles it, named explicitly`() {
    val uri = "example://call/room%3A7"
    val content = assertNotNull(started(shaped(mapOf("kind" to "uri", "uri" to uri))).contentIntent)
    immutable(content)
    val sent = shadowOf(content).savedIntents.first()
    assertEquals(Intent.ACTION_VIEW, sent.action)
    assertEquals(uri, sent.dataString)
    assertEquals(ComponentName(phone.app.packageName, LINK_ACTIVITY), sent.component)
    open(content)
    assertEquals(listOf("c1"), js.events.filter { it.name == "onNotificationTapped" }.map { it.fields["callId"] })
  }

  @Test fun `a tap target no activity of the app opens falls back to the launch activity rather than doing nothing`() {
    for (tap in listOf(mapOf("kind" to "activity", "name" to "com.example.Missing"), mapOf("kind" to "uri", "uri" to "other://x"))) {
      Phone.reset()
      val content = assertNotNull(started(shaped(tap)).contentIntent)
      assertEquals("${Phone.PACKAGE}.MainActivity", shadowOf(content).savedIntents.first().component?.className, "$tap")
      js.stopService()
    }
  }

  @Test fun `a tap delivered to the running React Native activity (onNewIntent) is reported once`() {
    val content = assertNotNull(started(shaped(mapOf("kind" to "launch"))).contentIntent)
    val launch = Intent().setClassName(phone.app.packageName, "${Phone.PACKAGE}.MainActivity")
    val running = Robolectric.buildActivity(Activity::class.java, launch).create().start().resume()
    val sent = open(content, running)
    // React Native's activity forwards its onNewIntent to the modules: no second report.
    js.context.onNewIntent(running.get(), sent)
    assertEquals(listOf(mapOf("callId" to "c1")), taps())
  }

  @Test fun `a tap on a named activity of the app that is already running and not React Native's is reported once`() {
    val content = assertNotNull(started(shaped(mapOf("kind" to "activity", "name" to CALL_ACTIVITY), callId = "room:7")).contentIntent)
    // The app's own Kotlin call screen, running: the tap reaches it in onNewIntent, which it keeps to itself.
    val screen = Intent().setClassName(phone.app.packageName, CALL_ACTIVITY)
    val running = Robolectric.buildActivity(Activity::class.java, screen).create().start().resume()
    open(content, running)
    assertEquals(listOf(mapOf("callId" to "room:7")), taps())
    assertEquals(screen, running.get().intent, "the screen was not recreated: it kept its own intent")
  }

  companion object {
    const val CALL_ACTIVITY = "${Phone.PACKAGE}.CallActivity"
    const val LINK_ACTIVITY = "${Phone.PACKAGE}.LinkActivity"
  }
}
