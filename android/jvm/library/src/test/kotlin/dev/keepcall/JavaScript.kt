@file:Suppress("DEPRECATION") // BridgeReactContext: see JavaScript.context

package dev.keepcall

import com.facebook.react.bridge.BridgeReactContext
import com.facebook.react.bridge.CxxCallbackImpl
import com.facebook.react.bridge.JavaOnlyArray
import com.facebook.react.bridge.JavaOnlyMap
import com.facebook.react.bridge.Promise
import com.facebook.react.bridge.ReactApplicationContext
import com.facebook.react.bridge.ReadableMap
import com.facebook.react.bridge.WritableMap
import com.facebook.soloader.nativeloader.NativeLoader
import com.facebook.soloader.nativeloader.NativeLoaderDelegate
import org.robolectric.util.ReflectionHelpers
import org.robolectric.util.ReflectionHelpers.ClassParameter

/** The TurboModule as React Native creates it, with the event callback JavaScript sets once it loaded. */
class JavaScript(private val phone: Phone, listening: Boolean = true) {
  // Which React Native context holds the module does not matter to it: it reads only what any context has.
  val context: ReactApplicationContext = BridgeReactContext(phone.app)
  val module = KeepCallModule(context)

  init {
    ShadowCxxCallbackImpl.events.clear()
    NativeLoader.initIfUninitialized(NoNativeLibraries)
    if (listening) {
      val callback = ReflectionHelpers.callConstructor(CxxCallbackImpl::class.java)
      ReflectionHelpers.callInstanceMethod<Unit>(
        module, "setEventEmitterCallback", ClassParameter.from(CxxCallbackImpl::class.java, callback),
      )
    }
  }

  /** The events JavaScript received so far. */
  val events: List<Event> get() = ShadowCxxCallbackImpl.events.toList()

  /** Calls a promise method as the binding does and returns what it settled with, after the phone settled. */
  fun call(method: (Promise) -> Unit): Settled {
    val promise = RecordingPromise()
    method(promise)
    phone.settle()
    return promise.settled ?: error("the promise never settled")
  }

  fun startService(notification: JavaOnlyMap, types: List<String>, fallbacks: List<List<String>> = emptyList()) =
    call { module.startService(notification, JavaOnlyArray.from(types), arrays(fallbacks), it) }

  fun updateService(notification: JavaOnlyMap, types: List<String>, fallbacks: List<List<String>> = emptyList()) =
    call { module.updateService(notification, JavaOnlyArray.from(types), arrays(fallbacks), it) }

  private fun arrays(sets: List<List<String>>) = JavaOnlyArray.from(sets.map { JavaOnlyArray.from(it) })

  fun stopService() = call { module.stopService(it) }

  @Suppress("UNCHECKED_CAST")
  fun snapshot(): Map<String, Any?> = plain(call { module.snapshot(it) }.value as ReadableMap) as Map<String, Any?>
}

/** How a promise settled: a value, or a rejection's code and message. */
data class Settled(val value: Any?, val code: String? = null, val message: String? = null) {
  val rejected get() = code != null
}

class RecordingPromise : Promise {
  var settled: Settled? = null
  override fun resolve(value: Any?) = run { settled = Settled(value) }
  override fun reject(code: String, message: String?) = run { settled = Settled(null, code, message) }
  override fun reject(code: String, throwable: Throwable?) = reject(code, throwable?.message)
  override fun reject(code: String, message: String?, throwable: Throwable?) = reject(code, message)
  override fun reject(throwable: Throwable) = reject("error", throwable.message)
  override fun reject(throwable: Throwable, userInfo: WritableMap) = reject(throwable)
  override fun reject(code: String, userInfo: WritableMap) = reject(code, null as String?)
  override fun reject(code: String, throwable: Throwable?, userInfo: WritableMap) = reject(code, throwable)
  override fun reject(code: String, message: String?, userInfo: WritableMap) = reject(code, message)
  override fun reject(code: String?, message: String?, throwable: Throwable?, userInfo: WritableMap?) =
    run { settled = Settled(null, code ?: "error", message) }
  @Deprecated("React Native's own deprecation") override fun reject(message: String) = reject("error", message)
}

/** fbjni's HybridData loads its native library when first touched; on the JVM there is none to load. */
private object NoNativeLibraries : NativeLoaderDelegate {
  override fun loadLibrary(shortName: String, flags: Int) = true
  override fun getLibraryPath(libName: String): String? = null
  override fun getSoSourcesVersion() = 0
}

/** The notification spec exactly as the binding sends it (a NativeNotificationSpec), as a JavaOnlyMap. */
fun nativeSpec(
  title: String = "Alice",
  body: String = "Ongoing call",
  callId: String = "c1",
  muted: Boolean = false,
  callStyle: Boolean = true,
  person: String = title,
  startedAt: Double = 1_700_000_000_000.0,
  actions: List<Pair<String, String>> = listOf("hangup" to "Hang up", if (muted) "unmute" to "Unmute" else "mute" to "Mute"),
): JavaOnlyMap = JavaOnlyMap.of(
  "channelId", "keepcall_calls", "channelName", "Calls", "title", title, "body", body,
  "smallIcon", "ic_keepcall_call", "callId", callId, "person", person, "callStyle", callStyle, "category", "call",
  "immediate", true, "ongoing", true, "visibility", "public", "startedAt", startedAt, "muted", muted,
  "actions", JavaOnlyArray.from(actions.map { (id, label) -> JavaOnlyMap.of("id", id, "label", label) }),
)


/** A promise nobody awaits, for a call whose settling the test reads elsewhere. */
object NoPromise : Promise by RecordingPromise()
