#!/usr/bin/env bash
# Smoke test of the packaged Flowsim (Linux): the app-image's launcher runs the command line and
# opens the designer, and the .deb declares what JavaFX needs. Run by the Maven profile smoke
# after -Pinstallers built target/dist (see installers/README.md):
#   ./mvnw -Pinstallers,smoke -pl installers -am verify -Dmaven.test.skip=true
# Usage: smoke.sh DIST VERSION EXAMPLES WORK
#   DIST      the jpackage output folder (flowsim/ app-image, flowsim_*.deb)
#   VERSION   the version `flowsim --version` must print (the Maven project version)
#   EXAMPLES  the repository's examples/ folder
#   WORK      a scratch folder (emptied first)
# Environment (all optional):
#   FLOWSIM_MODULES    the --add-modules list; checked against jdeps when FLOWSIM_INPUT is set
#   FLOWSIM_INPUT      the jpackage input folder (app jar + dependencies), FLOWSIM_MAIN_JAR its app jar
#   FLOWSIM_JDK        the JDK whose jdeps to use (default: jdeps on the PATH)
#   SMOKE_DISPLAY      an X display to use (default: a private Xvfb started here)
#   SMOKE_GUI_TIMEOUT  how long to wait for the designer's window (default 120 s)
#   SMOKE_GUI_SECONDS  how long the designer must then stay up (default 5 s)
#   SMOKE_SCREENSHOT   where to save a screenshot of the designer (default WORK/designer.png)
# Prints one line per check and "smoke: N passed, M failed"; exits 1 when any check failed.
set -uo pipefail

if [ $# -ne 4 ]; then
  echo "usage: smoke.sh DIST VERSION EXAMPLES WORK" >&2
  exit 2
fi
dist="$1"
version="$2"
examples="$3"
work="$4"
launcher="$dist/flowsim/bin/flowsim"
gui_seconds="${SMOKE_GUI_SECONDS:-5}"
gui_timeout="${SMOKE_GUI_TIMEOUT:-120}"

passed=0
failed=0
pass() {
  passed=$((passed + 1))
  echo "smoke: PASS $*"
}
fail() {
  failed=$((failed + 1))
  echo "smoke: FAIL $*"
}
finish() {
  echo "smoke: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] || exit 1
  exit 0
}
# shows the first lines of a file, indented, after a failure
show() {
  [ -s "$1" ] && sed -n '1,20s/^/    | /p' "$1"
  return 0
}

rm -rf "$work"
mkdir -p "$work/home"
# settings, recent files and autosave of the packaged designer go here, not to ~/.flowsim
export JAVA_TOOL_OPTIONS="-Dflowsim.home=$work/home"

echo "smoke: packaged Flowsim in $dist"
if [ ! -x "$launcher" ]; then
  fail "no launcher $launcher: build it first with -Pinstallers (e.g. -Pinstallers,smoke)"
  finish
fi
pass "app-image launcher exists ($(du -sh "$dist/flowsim" | cut -f1) app-image)"

# --- the trimmed runtime has every module the code needs --------------------------------------
jdeps="${FLOWSIM_JDK:+$FLOWSIM_JDK/bin/}jdeps"
if [ -n "${FLOWSIM_INPUT:-}" ] && [ -n "${FLOWSIM_MODULES:-}" ] && command -v "$jdeps" >/dev/null 2>&1; then
  needed="$("$jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
    --class-path "$FLOWSIM_INPUT/*" "$FLOWSIM_INPUT/${FLOWSIM_MAIN_JAR:-flowsim-app.jar}" 2>"$work/jdeps.err" | tail -n 1)"
  if [ -z "$needed" ]; then
    fail "jdeps printed no module list"
    show "$work/jdeps.err"
  else
    missing=""
    for m in ${needed//,/ }; do
      case ",$FLOWSIM_MODULES," in
        *",$m,"*) ;;
        *) missing="$missing $m" ;;
      esac
    done
    if [ -z "$missing" ]; then
      pass "runtime modules cover jdeps ($needed)"
    else
      fail "runtime lacks modules jdeps finds:$missing (add them to installer.modules in installers/pom.xml)"
    fi
  fi
else
  echo "smoke: (jdeps module check skipped: no jdeps or no FLOWSIM_INPUT/FLOWSIM_MODULES)"
fi
# (the runtime has no bin/java: --strip-native-commands; its release file lists the modules)
echo "smoke: runtime $(grep -h '^MODULES=' "$dist/flowsim/lib/runtime/release" 2>/dev/null)"

# --- the command line ---------------------------------------------------------------------------
out="$work/out.txt"
err="$work/err.txt"

"$launcher" --version >"$out" 2>"$err"
code=$?
if [ $code -eq 0 ] && grep -qx "flowsim $version" "$out"; then
  pass "flowsim --version prints 'flowsim $version'"
else
  fail "flowsim --version: exit $code, printed '$(head -c 200 "$out")' (want 'flowsim $version')"
  show "$err"
fi

spec="$examples/01-dual-write.fixed.json"
"$launcher" check "$spec" >"$out" 2>"$err"
code=$?
if [ $code -eq 0 ]; then
  pass "flowsim check $(basename "$spec") exits 0"
else
  fail "flowsim check $(basename "$spec"): exit $code (want 0)"
  show "$out"
  show "$err"
fi

printf '{"flowsim": 1, "name": "broken", "components": [' >"$work/invalid.json"
"$launcher" check "$work/invalid.json" >"$out" 2>"$err"
code=$?
if [ $code -eq 2 ]; then
  pass "flowsim check on a malformed spec exits 2"
else
  fail "flowsim check on a malformed spec: exit $code (want 2)"
  show "$err"
fi

report="$work/report.json"
"$launcher" run "$spec" --report "$report" >"$out" 2>"$err"
code=$?
if [ $code -eq 0 ] && [ -s "$report" ] && grep -q '"report": 1' "$report" \
  && grep -q '"counts"' "$report" && grep -Eq '"events": [1-9]' "$report"; then
  pass "flowsim run $(basename "$spec") exits 0 and writes a report with counts ($(wc -c <"$report") bytes)"
else
  fail "flowsim run $(basename "$spec") --report: exit $code, report $( [ -s "$report" ] && echo present || echo missing)"
  show "$out"
  show "$err"
fi

# same spec and seed, same trace: the packaged runtime is as deterministic as the build
hash1="$(grep -o '"traceHash": "[0-9a-f]*"' "$report" 2>/dev/null)"
"$launcher" run "$spec" --report "$work/report2.json" >/dev/null 2>&1
hash2="$(grep -o '"traceHash": "[0-9a-f]*"' "$work/report2.json" 2>/dev/null)"
if [ -n "$hash1" ] && [ "$hash1" = "$hash2" ]; then
  pass "a second run has the same trace hash (${hash1#*: })"
else
  fail "trace hashes of two runs differ or are missing: '$hash1' vs '$hash2'"
fi

"$launcher" scenarios >"$out" 2>"$err"
code=$?
if [ $code -eq 0 ] && grep -q "dual-write" "$out"; then
  pass "flowsim scenarios lists the bundled scenarios"
else
  fail "flowsim scenarios: exit $code"
  show "$out"
  show "$err"
fi

# --- the designer, under X ----------------------------------------------------------------------
xvfb_pid=""
cleanup() {
  [ -n "${gui_pid:-}" ] && kill "$gui_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  return 0
}
trap cleanup EXIT

display="${SMOKE_DISPLAY:-}"
if [ -z "$display" ] && command -v Xvfb >/dev/null 2>&1; then
  # -displayfd: Xvfb picks a free display number and writes it to fd 3
  Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$work/xvfb.display" 2>"$work/xvfb.log" &
  xvfb_pid=$!
  for _ in $(seq 1 50); do
    [ -s "$work/xvfb.display" ] && break
    sleep 0.2
  done
  [ -s "$work/xvfb.display" ] && display=":$(tr -d '[:space:]' <"$work/xvfb.display")"
fi

if [ -z "$display" ]; then
  fail "no X display for the designer: install xvfb (apt-get install xvfb) or set SMOKE_DISPLAY"
else
  # a spec named *.flowsim as the only argument, as a file manager passes it (file association)
  cp "$examples/01-dual-write.broken.json" "$work/dual-write.flowsim"
  # a designer that supports it shows its window and then quits by itself with exit 0
  DISPLAY="$display" FLOWSIM_SMOKE_EXIT_AFTER="$((gui_seconds + 10))s" \
    "$launcher" "$work/dual-write.flowsim" >"$work/gui.out" 2>"$work/gui.err" &
  gui_pid=$!
  # the names of the top-level windows that mention Flowsim (xwininfo prints 0xID "NAME": ...)
  titles() {
    DISPLAY="$display" xwininfo -root -tree 2>/dev/null \
      | sed -n 's/^ *0x[0-9a-f]* "\([^"]*Flowsim[^"]*\)": .*/\1/p' | head -n 1
  }
  have_xwininfo=""
  command -v xwininfo >/dev/null 2>&1 && have_xwininfo=yes
  # wait for the window (a loaded machine may need a while), then let it run gui_seconds more
  title=""
  waited=0
  if [ -n "$have_xwininfo" ]; then
    while [ "$waited" -lt "$gui_timeout" ] && kill -0 "$gui_pid" 2>/dev/null; do
      title="$(titles)"
      [ -n "$title" ] && break
      sleep 1
      waited=$((waited + 1))
    done
  fi
  if [ -n "$title" ]; then
    echo "smoke: the designer's window appeared after ${waited}s"
  fi
  for _ in $(seq 1 "$gui_seconds"); do
    kill -0 "$gui_pid" 2>/dev/null || break
    sleep 1
  done
  if [ -n "$have_xwininfo" ] && kill -0 "$gui_pid" 2>/dev/null; then
    title="$(titles)"
  fi
  if kill -0 "$gui_pid" 2>/dev/null; then
    pass "the designer is still running ${gui_seconds}s after its window appeared"
    shot="${SMOKE_SCREENSHOT:-$work/designer.png}"
    if command -v import >/dev/null 2>&1 && DISPLAY="$display" import -window root "$shot" 2>/dev/null; then
      echo "smoke: screenshot $shot"
    fi
    # what it printed while running (killing it can make JavaFX print a shutdown race)
    cp "$work/gui.err" "$work/gui.err.running"
    kill "$gui_pid" 2>/dev/null
    wait "$gui_pid" 2>/dev/null
  else
    wait "$gui_pid"
    code=$?
    cp "$work/gui.err" "$work/gui.err.running"
    if [ $code -eq 0 ] && [ -n "$title" ]; then
      pass "the designer showed its window and quit by itself with exit 0"
    else
      fail "the designer exited with $code"
      show "$work/gui.out"
      show "$work/gui.err"
    fi
  fi
  gui_pid=""
  if [ -n "$have_xwininfo" ]; then
    if [ -n "$title" ]; then
      pass "the designer showed a window titled '$title'"
      case "$title" in
        *dual-write*) pass "the window names the file it was given (the file association path)" ;;
        *) fail "the window title '$title' does not name dual-write.flowsim: the sole file argument was not opened" ;;
      esac
    else
      fail "no window with 'Flowsim' in its title appeared on $display within ${gui_timeout}s"
    fi
  else
    echo "smoke: (window checks skipped: no xwininfo; apt-get install x11-utils)"
  fi
  if grep -Eq 'Exception|^Error|Unable to load' "$work/gui.err.running"; then
    fail "the designer printed errors:"
    grep -E -m 20 -B 2 -A 8 'Exception|^Error|Unable to load' "$work/gui.err.running" | sed 's/^/    | /'
  else
    pass "the designer printed no exception"
  fi
fi

# --- the .deb -----------------------------------------------------------------------------------
deb="$(ls "$dist"/*.deb 2>/dev/null | head -n 1)"
if [ -z "$deb" ]; then
  if command -v dpkg-deb >/dev/null 2>&1; then
    fail "no .deb in $dist although dpkg-deb is installed"
  else
    echo "smoke: (no .deb: dpkg-deb is not installed)"
  fi
else
  echo "smoke: $(basename "$deb"): $(du -h "$deb" | cut -f1)"
  dpkg-deb -I "$deb" >"$work/deb-info.txt" 2>&1
  depends="$(grep '^ Depends:' "$work/deb-info.txt")"
  if echo "$depends" | grep -q 'libgtk-3-0' && echo "$depends" | grep -q 'libgl1'; then
    pass "the .deb depends on libgtk-3-0 and libgl1"
  else
    fail "the .deb's Depends lacks libgtk-3-0/libgl1: $depends"
  fi
  dpkg-deb -c "$deb" >"$work/deb-files.txt" 2>&1
  if grep -q ' \./opt/flowsim/bin/flowsim$' "$work/deb-files.txt"; then
    pass "the .deb installs /opt/flowsim/bin/flowsim"
  else
    fail "the .deb does not list ./opt/flowsim/bin/flowsim"
  fi
  mkdir -p "$work/deb"
  dpkg-deb -x "$deb" "$work/deb"
  desktop="$(ls "$work"/deb/opt/flowsim/lib/*.desktop 2>/dev/null | head -n 1)"
  if [ -n "$desktop" ] && grep -q '^Exec=.*bin/flowsim %f$' "$desktop" \
    && grep -q '^MimeType=application/vnd.flowsim+json;' "$desktop"; then
    pass "the menu entry passes the opened file (%f) and claims application/vnd.flowsim+json"
  else
    fail "the .desktop entry lacks 'Exec=... %f' or the Flowsim MIME type"
    [ -n "$desktop" ] && show "$desktop"
  fi
  if grep -q 'glob pattern="\*\.flowsim"' "$work"/deb/opt/flowsim/lib/*MimeInfo.xml 2>/dev/null; then
    pass "the MIME type matches *.flowsim files"
  else
    fail "no MIME info for *.flowsim in the .deb"
  fi
  dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./postinst >"$work/postinst" 2>/dev/null
  if grep -q 'ln -sf /opt/flowsim/bin/flowsim /usr/bin/flowsim' "$work/postinst"; then
    pass "the .deb puts flowsim on the PATH (/usr/bin/flowsim)"
  else
    fail "the .deb's postinst does not link /usr/bin/flowsim"
  fi
  dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./prerm >"$work/prerm" 2>/dev/null
  if grep -q 'desktop_install ||' "$work/postinst" && grep -q 'desktop_uninstall || true' "$work/prerm"; then
    pass "the .deb installs and removes on a system without a desktop menu (xdg-utils best effort)"
  else
    fail "the .deb's postinst/prerm fail when xdg-desktop-menu fails (installers/src/jpackage/linux)"
  fi
fi

finish
