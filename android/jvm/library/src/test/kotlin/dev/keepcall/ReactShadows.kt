package dev.keepcall

import com.facebook.react.bridge.Arguments
import com.facebook.react.bridge.CxxCallbackImpl
import com.facebook.react.bridge.JavaOnlyArray
import com.facebook.react.bridge.JavaOnlyMap
import com.facebook.react.bridge.ReadableArray
import com.facebook.react.bridge.ReadableMap
import com.facebook.react.bridge.WritableArray
import com.facebook.react.bridge.WritableMap
import com.facebook.react.internal.featureflags.ReactNativeFeatureFlagsCxxInterop
import org.robolectric.annotation.Implementation
import org.robolectric.annotation.Implements

/**
 * React Native's maps are C++ objects (WritableNativeMap); on the JVM its Java-only twins stand in, as in
 * React Native's own unit tests. The module builds every payload through these two factories.
 */
@Implements(Arguments::class)
class ShadowArguments {
  companion object {
    @JvmStatic @Implementation fun createMap(): WritableMap = JavaOnlyMap()

    @JvmStatic @Implementation fun createArray(): WritableArray = JavaOnlyArray()
  }
}

/** The event emitter's callback into JavaScript: records each event instead of crossing into C++. */
@Implements(CxxCallbackImpl::class)
class ShadowCxxCallbackImpl {
  @Implementation fun invoke(vararg args: Any?) {
    events += Event(args[0] as String, args.getOrNull(1) as ReadableMap?)
  }

  companion object {
    /** What JavaScript would have received, in order. */
    val events = mutableListOf<Event>()
  }
}

/** One event as JavaScript receives it: its name and payload (null for the void ones). */
data class Event(val name: String, val payload: ReadableMap?) {
  /** The payload as plain maps and lists, as JavaScript sees it. */
  @Suppress("UNCHECKED_CAST")
  val fields: Map<String, Any?> get() = plain(payload) as Map<String, Any?>? ?: emptyMap()
}

/** React Native's maps and arrays, nested ones included, as plain Kotlin maps and lists. */
fun plain(value: Any?): Any? = when (value) {
  is ReadableMap -> value.toHashMap().mapValues { plain(it.value) }
  is ReadableArray -> value.toArrayList().map { plain(it) }
  is Map<*, *> -> value.mapValues { plain(it.value) }
  is List<*> -> value.map { plain(it) }
  else -> value
}


/**
 * React Native's feature flags live in C++: on the JVM they say what an app on React Native 0.81's default
 * (the new architecture, bridgeless) says, without loading the native library.
 */
@Implements(ReactNativeFeatureFlagsCxxInterop::class)
class ShadowFeatureFlags {
  companion object {
    @JvmStatic @Implementation fun __staticInitializer__() = Unit

    @JvmStatic @Implementation fun enableBridgelessArchitecture() = true
  }
}
