package dev.keepcall

import android.app.InvalidForegroundServiceTypeException
import android.app.MissingForegroundServiceTypeException
import android.os.Build
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * A1: a started service must reach `startForeground()` in time. When the platform refuses the types asked
 * for, the service narrows to one single type the app declares, never the very types that failed, and never
 * stops without having called `startForeground()`.
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

  @Test fun `a refused while-in-use type narrows to the declared type that needs no runtime permission`() {
    phone.declare(*APP_PERMISSIONS)
    // API 34+: the microphone in the background without RECORD_AUDIO in use (A4).
    RefusingShadowService.refusal = { m -> if (m and mask("microphone") != 0) SecurityException("microphone not allowed") else null }
    assertFalse(js.startService(nativeSpec(), listOf("mediaPlayback", "microphone")).rejected)
    assertEquals(mask("mediaPlayback"), phone.foregroundTypes())
    assertNotNull(phone.notification(), "the spec's own notification")
    val narrowed = js.events.single { it.name == "onServiceNarrowed" }
    assertEquals(listOf("mediaPlayback"), narrowed.fields["types"])
    assertTrue("SecurityException" in "${narrowed.fields["reason"]}")
    assertEquals(listOf("mediaPlayback"), (js.snapshot()["service"] as Map<*, *>)["types"], "snapshot says what is held")
  }

  @Test fun `a refused single type falls back to another declared type, not to the one that failed`() {
    // The app declares the phone-call type (and the microphone's) but not media playback.
    phone.declare("android.permission.FOREGROUND_SERVICE", "android.permission.FOREGROUND_SERVICE_PHONE_CALL",
      "android.permission.FOREGROUND_SERVICE_MICROPHONE")
    RefusingShadowService.refusal = { m -> if (m == mask("mediaPlayback")) refusalFor("mediaPlayback") else null }
    assertFalse(js.startService(nativeSpec(), listOf("mediaPlayback")).rejected)
    val expected = if (Build.VERSION.SDK_INT >= 34) "phoneCall" else "microphone"
    // Below API 34 no permission tells the types apart: the first declared that is not while-in-use is tried first.
    val held = phone.foregroundTypes()
    assertTrue(held != 0, "in the foreground")
    assertFalse(held and mask("mediaPlayback") != 0, "never the refused type again")
    if (Build.VERSION.SDK_INT >= 34) assertEquals(mask(expected), held)
    assertNotNull(phone.live(), "the service keeps the call")
    assertEquals("onServiceNarrowed", js.events.first { it.name != "onServiceStarted" }.name)
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
