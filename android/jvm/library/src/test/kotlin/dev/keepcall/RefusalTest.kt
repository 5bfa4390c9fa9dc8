package dev.keepcall

import android.app.InvalidForegroundServiceTypeException
import android.app.Notification
import android.app.MissingForegroundServiceTypeException
import android.os.Build
import android.os.Looper
import com.facebook.react.bridge.JavaOnlyArray
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * A1: a started service must reach `startForeground()` in time. When the platform refuses the types asked
 * for, the service takes the first of the command's fallbacks the platform accepts, in the command's order
 * (TypeScript computes them: core/android/fallbacks.ts), reports it with the refusal's error code, and
 * with none taken never stops without having called `startForeground()`.
 */
@RunWith(RobolectricTestRunner::class)
class RefusalTest {
  // Robolectric creates the test object once the app exists: a fresh phone for every test.
  private val phone = Phone()
  private val js = JavaScript(phone)

  /** How the platform refuses a type the app may not use: by API level, as startForeground does. */
  private fun refusalFor(type: String): RuntimeException = when {
    Build.VERSION.SDK_INT >= 34 -> MissingForegroundServiceTypeException("Starting FGS with type $type requires permissions")
    else -> IllegalArgumentException("foregroundServiceType 0x${mask(type).toString(16)} is not a subset of foregroundServiceType attribute")
  }

  /** The platform refuses every type mask holding `type` with `refusal`. */
  private fun refuse(type: String, refusal: RuntimeException) {
    RefusingShadowService.refusal = { m -> if (m != RefusingShadowService.MANIFEST && m and mask(type) != 0) refusal else null }
  }

  private val all = listOf("mediaPlayback", "microphone", "camera")
  // The Android policy's fallbacks for [all] (core/android/fallbacks.ts): the largest part first.
  private val policyFallbacks = listOf(
    listOf("mediaPlayback", "microphone"), listOf("mediaPlayback", "camera"), listOf("microphone", "camera"),
    listOf("mediaPlayback"), listOf("microphone"), listOf("camera"),
  )

  @Test fun `a refused start narrows to the first fallback the platform accepts, and says why with an error code`() {
    phone.declare(*APP_PERMISSIONS)
    // API 34+: the camera without CAMERA in use (A4); the microphone is fine.
    refuse("camera", SecurityException("Starting FGS with type camera requires permissions"))
    assertFalse(js.startService(nativeSpec(), all, policyFallbacks).rejected)
    assertEquals(mask("mediaPlayback", "microphone"), phone.foregroundTypes(), "the microphone kept, not media alone")
    assertNotNull(phone.notification(), "the spec's own notification")
    val narrowed = js.events.single { it.name == "onServiceNarrowed" }
    assertEquals(mapOf("types" to listOf("mediaPlayback", "microphone"), "reason" to "missing-permission"), narrowed.fields)
    assertEquals(listOf("mediaPlayback", "microphone"), (js.snapshot()["service"] as Map<*, *>)["types"], "snapshot says what is held")
    assertTrue(js.events.none { it.name == "onServiceStarted" || it.name == "onServiceFailed" })
  }

  @Test fun `the fallbacks are tried in the command's order, not one of the service's own`() {
    phone.declare(*APP_PERMISSIONS)
    refuse("camera", refusalFor("camera"))
    val fallbacks = listOf(listOf("camera"), listOf("microphone"), listOf("mediaPlayback", "microphone"))
    assertFalse(js.startService(nativeSpec(), all, fallbacks).rejected)
    assertEquals(mask("microphone"), phone.foregroundTypes())
    // A type the manifest lacks is type-not-declared (the reason is the refusal's KeepCallErrorCode).
    assertEquals(mapOf("types" to listOf("microphone"), "reason" to "type-not-declared"), js.events.single { it.name == "onServiceNarrowed" }.fields)
  }

  @Test fun `an update before the promotion brings its own fallbacks`() {
    phone.declare(*APP_PERMISSIONS)
    refuse("camera", SecurityException("camera"))
    js.module.startService(nativeSpec(), JavaOnlyArray.from(listOf("mediaPlayback")), JavaOnlyArray(), NoPromise)
    shadowOf(Looper.getMainLooper()).idle() // startForegroundService was called; Android has not created the service yet
    assertFalse(js.updateService(nativeSpec(), all, listOf(listOf("camera"), listOf("mediaPlayback", "microphone"))).rejected)
    assertEquals(mask("mediaPlayback", "microphone"), phone.foregroundTypes())
    assertEquals(listOf("onServiceNarrowed"), js.events.map { it.name })
  }

  @Test fun `no fallback taken — no other declared type is tried, the bare notification is promoted, the failure named, then the service stops`() {
    // The app declares the phone-call type (and the microphone's) but not media playback.
    phone.declare("android.permission.FOREGROUND_SERVICE", "android.permission.FOREGROUND_SERVICE_PHONE_CALL",
      "android.permission.FOREGROUND_SERVICE_MICROPHONE")
    refuse("mediaPlayback", refusalFor("mediaPlayback"))
    js.startService(nativeSpec(), listOf("mediaPlayback"), emptyList())
    // Only startForeground()'s that the platform accepted are recorded: the manifest's, with the bare notification.
    assertEquals(listOf(RefusingShadowService.MANIFEST), RefusingShadowService.calls, "startForeground reached (A1), no type of its own")
    assertNull(phone.live(), "then stopped")
    assertEquals("type-not-declared", js.events.single { it.name == "onServiceFailed" }.fields["code"])
    assertTrue(js.events.none { it.name == "onServiceNarrowed" })
    assertEquals("onServiceStopped", js.events.last().name)
  }

  @Test fun `an empty request is no type at all — refused on API 34+, with nothing to fall back to`() {
    phone.declare(*APP_PERMISSIONS)
    // FOREGROUND_SERVICE_TYPE_NONE: the platform's own refusal from API 34 (MissingForegroundServiceTypeException).
    RefusingShadowService.refusal = { m -> if (m == 0 && Build.VERSION.SDK_INT >= 34) refusalFor("none") else null }
    js.startService(nativeSpec(), emptyList(), emptyList())
    if (Build.VERSION.SDK_INT >= 34) {
      assertEquals("type-not-declared", js.events.single { it.name == "onServiceFailed" }.fields["code"])
      assertNull(phone.live(), "stopped after the bare promotion")
      assertEquals(listOf(RefusingShadowService.MANIFEST), RefusingShadowService.calls)
    } else {
      assertEquals(mapOf("types" to emptyList<String>()), js.events.single().fields)
      assertNotNull(phone.live())
      assertEquals(listOf(0), RefusingShadowService.calls, "started with no type, as asked")
    }
  }

  @Test fun `an empty person is drawn without CallStyle, as the model draws it, and the service runs`() {
    phone.declare(*APP_PERMISSIONS)
    assertFalse(js.startService(nativeSpec(title = "Call in progress", person = ""), listOf("mediaPlayback")).rejected)
    val n = assertNotNull(phone.notification())
    assertNull(n.extras.getString(Notification.EXTRA_TEMPLATE), "no CallStyle: it needs a person with a name (A14)")
    assertEquals("Call in progress", "${n.extras.getCharSequence(Notification.EXTRA_TITLE)}")
    assertEquals(mask("mediaPlayback"), phone.foregroundTypes())
    assertEquals(listOf("onServiceStarted"), js.events.map { it.name })
  }

  @Test fun `every type refused with the spec — the bare notification is promoted, the failure named, then the service stops`() {
    phone.declare(*APP_PERMISSIONS)
    val refusal = if (Build.VERSION.SDK_INT >= 34) InvalidForegroundServiceTypeException("bad type") else refusalFor("camera")
    // Every typed start is refused; only the manifest's own types (no types given) pass.
    RefusingShadowService.refusal = { m -> if (m == RefusingShadowService.MANIFEST) null else refusal }
    js.startService(nativeSpec(), listOf("camera"))
    assertEquals(listOf(RefusingShadowService.MANIFEST), RefusingShadowService.calls, "startForeground reached (A1)")
    assertNull(phone.live(), "then stopped")
    val failed = js.events.single { it.name == "onServiceFailed" }
    assertEquals("type-not-declared", failed.fields["code"])
    assertEquals(refusal.javaClass.name, failed.fields["exception"])
    assertEquals("onServiceStopped", js.events.last().name)
  }

  @Test fun `only the service-type refusals are type-not-declared`() {
    assertEquals("missing-permission", KeepCallService.codeOf(SecurityException("no RECORD_AUDIO")))
    assertEquals("type-not-declared", KeepCallService.codeOf(refusalFor("camera")))
    // A CallStyle notification re-posted outside the foreground: a notification error, not a type.
    assertEquals("port-failed", KeepCallService.codeOf(IllegalArgumentException("CallStyle notifications must be for a foreground service")))
    assertEquals("port-failed", KeepCallService.codeOf(IllegalStateException("something else")))
    if (Build.VERSION.SDK_INT >= 34) {
      assertEquals("type-not-declared", KeepCallService.codeOf(InvalidForegroundServiceTypeException("x")))
      assertEquals("type-not-declared", KeepCallService.codeOf(MissingForegroundServiceTypeException("x")))
    }
    if (Build.VERSION.SDK_INT >= 31) {
      assertEquals("start-not-allowed", KeepCallService.codeOf(android.app.ForegroundServiceStartNotAllowedException("background")))
    }
  }
}
