package dev.keepcall

import android.app.Activity
import android.os.Bundle

/**
 * Reports the notification's tap. The tap's PendingIntent opens the app's activity itself (A11) and starts
 * this one over it, which tells the listeners and finishes at once, without a window (Theme.NoDisplay): the
 * opened activity cannot pass the tap on when it was already running (Android hands it the tap in
 * onNewIntent, and only React Native's activity forwards that).
 */
class KeepCallTapActivity : Activity() {
  override fun onCreate(savedInstanceState: Bundle?) {
    super.onCreate(savedInstanceState)
    val callId = intent.getStringExtra(KeepCallNotification.EXTRA_TAPPED)
    // Restored from saved state it is no new tap.
    if (callId != null && savedInstanceState == null) KeepCallService.listeners.forEach { it.onTapped(callId) }
    finish()
  }
}
