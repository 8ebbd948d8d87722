# xvfb_lib.sh — sourced by the *_test.sh scripts that run jinguo on a private
# virtual display. Gives them `work` (a temporary folder, removed on exit),
# `pids` (killed on exit) and start_xvfb.

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# start_xvfb FIRST LAST WxHxD: an Xvfb on the first free display number in
# FIRST..LAST (scripts use separate ranges, so CTest may run them together),
# with DISPLAY, HOME and XDG_DATA_HOME pointing at it and at `work`.
start_xvfb() {
  local n display=""
  for n in $(seq "$1" "$2"); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
  done
  [ -n "$display" ] || { echo "FAIL: no free X display number"; exit 1; }
  Xvfb "$display" -screen 0 "$3" -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  export DISPLAY="$display" MESA_SHADER_CACHE_DISABLE=true HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
}

# wait_for_window PID LOG WHAT: until jinguo's window is mapped (10 s); fails
# with the log when it never is or the process ended.
wait_for_window() {
  local found=""
  for _ in $(seq 100); do
    if xdotool search --onlyvisible --classname jinguo >/dev/null 2>&1; then found=1; break; fi
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$found" ] || { echo "FAIL: no window${3:+ for $3}"; cat "$2"; exit 1; }
}

colours() { convert "$1" -format '%k' info:; }

# shoot_when_drawn FILE: screenshots of the whole screen until one has 200+
# colours (the first frame comes once fonts are built and data loaded: ~1 s
# idle, several under load; 15 s at most). The caller checks the last one.
shoot_when_drawn() {
  for _ in $(seq 30); do
    sleep 0.5
    import -window root "$1"
    [ "$(colours "$1")" -ge 200 ] && break
  done
}
