package dev.keepcall

import android.app.Notification
import android.os.Build
import com.facebook.react.bridge.JavaOnlyArray
import com.facebook.react.bridge.JavaOnlyMap
import org.json.JSONArray
import org.json.JSONObject
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * One contract, executed on both sides: scripts/android-traces.ts ran scripted calls through the engine and
 * the React Native binding over keepcall/testing's Android model and wrote down every TurboModule call with
 * its arguments, the events reported and what the model says the device shows. Here each call is made on
 * the real module, with JavaOnlyMap/JavaOnlyArray as the binding sends them, each tap on the real
 * notification, and the real service must show and report the same. When they disagree, one side is wrong.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [29, 31, 34, 36])
class TraceReplayTest {
  @Test fun `the engine's traces for this API level replay on the real module and service`() {
    val dir = File(System.getProperty("keepcall.traces") ?: error("keepcall.traces is not set"))
    val traces = JSONObject(File(dir, "api-${Build.VERSION.SDK_INT}.json").readText()).getJSONArray("traces")
    assertTrue(traces.length() >= 2, "the scripted session and the refused start")
    for (t in 0 until traces.length()) replay(traces.getJSONObject(t)) // each on a fresh phone
  }

  private fun replay(trace: JSONObject) {
    val phone = Phone()
    phone.declare(*APP_PERMISSIONS)
    val js = JavaScript(phone)
    val steps = trace.getJSONArray("steps")
    for (i in 0 until steps.length()) {
      val step = steps.getJSONObject(i)
      val where = "${trace.getString("name")}, step ${i + 1} (${step.getString("step")})"
      val before = js.events.size
      step.optString("tap").takeIf { it.isNotEmpty() }?.let { id ->
        phone.tap(assertNotNull(phone.buttons()[id], "$where: the notification has a $id button"))
      }
      step.optString("revoke").takeIf { it.isNotEmpty() }?.let { revoke(it) }
      val calls = step.getJSONArray("calls")
      for (c in 0 until calls.length()) replay(js, calls.getJSONObject(c), where)
      assertEquals(plain(step.getJSONArray("events")), js.events.drop(before).map { it.toJson() }, "$where: events")
      assertShows(phone, step.getJSONObject("device"), where)
    }
  }

  private fun replay(js: JavaScript, call: JSONObject, where: String) {
    val args = call.getJSONArray("args")
    val result = when (val method = call.getString("method")) {
      "createNotificationChannel" -> js.call { js.module.createNotificationChannel(args.getString(0), args.getString(1), it) }
      "startService" -> js.call { js.module.startService(map(args.getJSONObject(0)), array(args.getJSONArray(1)), array(args.getJSONArray(2)), it) }
      "updateService" -> js.call { js.module.updateService(map(args.getJSONObject(0)), array(args.getJSONArray(1)), array(args.getJSONArray(2)), it) }
      "stopService" -> js.call { js.module.stopService(it) }
      else -> error("$where: no replay for $method")
    }
    val rejected = call.optString("rejected").takeIf { it.isNotEmpty() }
    assertEquals(rejected, result.code, "$where: ${call.getString("method")} settled with ${result.code} ${result.message}")
  }

  /**
   * The user revoked a runtime permission: the platform's startForeground() then refuses the type that
   * needs it as Android does, from API 34 (A4, SecurityException); Robolectric's stand-in does not check.
   */
  private fun revoke(permission: String) {
    shadowOf(RuntimeEnvironment.getApplication()).denyPermissions("android.permission.$permission")
    val type = mapOf("CAMERA" to "camera", "RECORD_AUDIO" to "microphone").getValue(permission)
    RefusingShadowService.refusal = { m ->
      if (Build.VERSION.SDK_INT >= 34 && m != RefusingShadowService.MANIFEST && m and mask(type) != 0) {
        SecurityException("Starting FGS with type $type requires permissions: android.permission.$permission")
      } else {
        null
      }
    }
  }

  private fun assertShows(phone: Phone, device: JSONObject, where: String) {
    val service = device.getJSONObject("service")
    val types = (0 until service.getJSONArray("types").length()).map { service.getJSONArray("types").getString(it) }
    val running = service.getBoolean("running")
    assertEquals(running, phone.live() != null, "$where: the service runs")
    if (running) assertEquals(mask(*types.toTypedArray()), phone.foregroundTypes(), "$where: foreground types $types")
    val expected = device.optJSONObject("notification")
    val n = phone.notification()
    if (expected == null) return assertNull(n, "$where: no notification")
    assertNotNull(n, "$where: the notification is shown")
    assertEquals(expected.getString("title"), "${n.extras.getCharSequence(Notification.EXTRA_TITLE)}", "$where: title")
    assertEquals(expected.getString("body"), "${n.extras.getCharSequence(Notification.EXTRA_TEXT)}", "$where: body")
    assertEquals(expected.getLong("startedAt"), n.`when`, "$where: the timer's start")
    assertEquals(expected.getBoolean("ongoing"), n.flags and Notification.FLAG_ONGOING_EVENT != 0, "$where: ongoing")
    assertEquals(visibility(expected.getString("visibility")), n.visibility, "$where: lock-screen visibility")
    val callStyle = expected.getBoolean("callStyle")
    assertEquals(callStyle, n.extras.getString(Notification.EXTRA_TEMPLATE) == Notification.CallStyle::class.java.name, "$where: CallStyle")
    if (callStyle) {
      @Suppress("DEPRECATION") // the typed getParcelable is API 33+
      val person = n.extras.getParcelable<android.app.Person>(Notification.EXTRA_CALL_PERSON)
      assertEquals(expected.getString("person"), "${person?.name}", "$where: the person")
    }
    val actions = expected.getJSONArray("actions")
    val wanted = (0 until actions.length()).map { actions.getJSONObject(it) }
    assertEquals(wanted.map { it.getString("id") }.toSet(), phone.buttons().keys, "$where: the buttons")
    // CallStyle labels its hang-up button itself; every other label is the engine's.
    val labels = phone.labels().entries.associate { (label, id) -> id to label }
    for (action in wanted) {
      if (callStyle && action.getString("id") == "hangup") continue
      assertEquals(action.getString("label"), labels[action.getString("id")], "$where: the ${action.getString("id")} label")
    }
  }

  private fun visibility(name: String) = when (name) {
    "private" -> Notification.VISIBILITY_PRIVATE
    "secret" -> Notification.VISIBILITY_SECRET
    else -> Notification.VISIBILITY_PUBLIC
  }

  /** JSON as JavaScript hands it to the TurboModule: every number a double. */
  private fun map(json: JSONObject): JavaOnlyMap = JavaOnlyMap().apply {
    for (key in json.keys()) {
      when (val v = json.get(key)) {
        is JSONObject -> putMap(key, map(v))
        is JSONArray -> putArray(key, array(v))
        is Boolean -> putBoolean(key, v)
        is Number -> putDouble(key, v.toDouble())
        JSONObject.NULL -> putNull(key)
        else -> putString(key, "$v")
      }
    }
  }

  private fun array(json: JSONArray): JavaOnlyArray = JavaOnlyArray().apply {
    for (i in 0 until json.length()) {
      when (val v = json.get(i)) {
        is JSONObject -> pushMap(map(v))
        is JSONArray -> pushArray(array(v))
        is Boolean -> pushBoolean(v)
        is Number -> pushDouble(v.toDouble())
        else -> pushString("$v")
      }
    }
  }

  /** An event in the trace's shape: its name, and its payload when it has one. */
  private fun Event.toJson(): Map<String, Any?> = if (payload == null) mapOf("name" to name) else mapOf("name" to name, "payload" to fields)

  /** A JSON value as plain maps, lists and doubles, to compare with what the module sent. */
  private fun plain(json: Any?): Any? = when (json) {
    is JSONObject -> json.keys().asSequence().associateWith { plain(json.get(it)) }
    is JSONArray -> (0 until json.length()).map { plain(json.get(it)) }
    is Number -> json.toDouble()
    JSONObject.NULL -> null
    else -> json
  }
}
