#!/usr/bin/env bash
# Launch the wall in Chromium kiosk mode on the hall's wall PC, and start it again if it ever exits.
# Usage: scripts/wall-kiosk.sh [URL]   (default http://127.0.0.1:8050/wall; BATTLEMAP_WALL_URL overrides)
# Run it from the desktop session's autostart (see docs/deploy.md, "The wall PC").
set -euo pipefail

url="${1:-${BATTLEMAP_WALL_URL:-http://127.0.0.1:8050/wall}}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "Chromium not found (Debian: sudo apt-get install chromium)" >&2
  exit 1
fi
profile="${XDG_STATE_HOME:-$HOME/.local/state}/battlemap-wall"
mkdir -p "$profile"

flags=(
  --kiosk "$url"
  --user-data-dir="$profile"          # its own profile: no sync, no restored tabs from a desktop session
  --no-first-run
  --noerrdialogs                      # no "Chromium didn't shut down correctly" bar after a power cut
  --disable-session-crashed-bubble
  --disable-infobars
  --disable-translate
  --disable-features=Translate,TranslateUI,MediaRouter,OptimizationHints
  --disable-component-update          # the wall has no reason to reach the internet
  --disable-background-networking
  --disable-sync
  --disable-pinch                     # a touch on the LED controller cannot zoom the canvas
  --overscroll-history-navigation=0
  --autoplay-policy=no-user-gesture-required
  --check-for-update-interval=31536000
  --password-store=basic
  --disable-background-timer-throttling  # keep the rotation and status polling on time
  --disable-renderer-backgrounding
)

# Never let the screen blank or the cursor sit on the wall (X11 sessions).
if command -v xset >/dev/null 2>&1 && [ -n "${DISPLAY:-}" ]; then
  xset s off -dpms s noblank || true
fi
if command -v unclutter >/dev/null 2>&1; then
  unclutter -idle 1 -root &
fi

# Chromium left "exited_cleanly": false after a crash or power cut; clear it so no restore bubble appears.
sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"[^"]*"/"exit_type":"Normal"/' \
  "$profile/Default/Preferences" 2>/dev/null || true

while true; do
  "$browser" "${flags[@]}" || true
  echo "$(date '+%F %T') Chromium exited; starting the wall again in 5 s" >&2
  sleep 5
done
