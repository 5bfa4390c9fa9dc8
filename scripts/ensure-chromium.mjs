// Placeholder until the web issue lands: the real script installs Debian's chromium when missing.
