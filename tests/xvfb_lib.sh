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
  export DISPLAY="$display" MESA_SHADER_CACHE_DISABLE=true HOME="$work" XDG_DATA_HOME="$work/data"
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
}
