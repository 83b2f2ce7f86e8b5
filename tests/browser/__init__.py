"""Browser tier: the real app on a free port, driven by headless Chromium."""
