# shellcheck shell=bash
# Set-up shared by bin/datasipper and bin/test; sourced, not run.
#   ds_find_jdk         exports JAVA_HOME as a JDK 21 or newer
#   ds_ensure_chromium  makes sure there is a browser to launch
#   ds_ensure_xvfb      makes sure there is a virtual display for the headed browser tests (bin/test only)
#   ds_ensure_node      makes sure node 20.19+ and npm are there (the dashboard build; the tests' validators)
#   ds_build            builds the jar when it is missing or older than the sources
#   ds_heap_flags       the JVM's heap limit and out-of-memory policy, unless JAVA_OPTS sets them
#   ds_jvm_flags ARGS   every JVM flag bin/datasipper runs the CLI with, for these arguments
# Missing Debian packages are installed when running as root; otherwise the command to run is printed.

DS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DS_JAR="$DS_ROOT/cli/target/datasipper.jar"
DS_MIN_JAVA=21

ds_say() {
  printf '%s\n' "$*" >&2
}

ds_die() {
  ds_say "$@"
  exit 1
}

# The major version of the JDK at $1, read from its release file; fails when $1 is no JDK.
ds_jdk_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -r "$1/release" ] || return 1
  local version
  version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$1/release")
  version=${version#1.}       # 1.8.0_402 -> 8.0_402
  version=${version%%[!0-9]*} # 21.0.5 -> 21, 22-ea -> 22
  [ -n "$version" ] && printf '%s\n' "$version"
}

# Room for the ring buffer (64 MiB), the store writer's queue (100 MiB), the outputs' batches and
# GraalJS with its compiled transforms, and for the collector to work in: bench/heap measured a
# capture of 1 MiB frames at 20/s at 138-160 MiB live and at most 483 MiB right after a collection.
DS_DEFAULT_HEAP=1g

# Prints the heap flags for JAVA_OPTS: -Xmx$DS_DEFAULT_HEAP unless JAVA_OPTS sizes the heap itself,
# and -XX:+ExitOnOutOfMemoryError. Exiting at once is the policy because a JVM that runs on after an
# OutOfMemoryError has lost some thread (the store writer, an output) and keeps the browser open
# while events go nowhere; a supervisor or the user can restart it, and what was stored is safe in
# SQLite. No heap dump by default: it would write captured cookies and tokens to a file. JAVA_OPTS
# comes later on the command line, so -XX:-ExitOnOutOfMemoryError or -XX:+HeapDumpOnOutOfMemoryError
# there still win.
ds_heap_flags() {
  case " ${JAVA_OPTS:-} " in
    *" -Xmx"* | *"-XX:MaxHeapSize="* | *"-XX:MaxRAMPercentage="* | *"-XX:MaxRAM="*) ;;
    *) printf '%s ' "-Xmx$DS_DEFAULT_HEAP" ;;
  esac
  printf '%s\n' "-XX:+ExitOnOutOfMemoryError"
}

# The config file a command with these arguments reads: --config's, else its data directory's.
ds_config_file() {
  local arg prev="" config="" data_dir="$HOME/.datasipper/default"
  for arg in "$@"; do
    case "$prev" in
      --config) config=$arg ;;
      --data-dir) data_dir=$arg ;;
    esac
    case "$arg" in
      --config=*) config=${arg#--config=} ;;
      --data-dir=*) data_dir=${arg#--data-dir=} ;;
    esac
    prev=$arg
  done
  printf '%s\n' "${config:-$data_dir/datasipper.yaml}"
}

# True when the command will run a JavaScript transform: its config file has one, or it is a demo
# without --config, which writes its sample config (two transforms) after the JVM has started.
ds_has_transform() {
  local config=$1 arg
  shift
  if [ -r "$config" ] && grep -q 'transform' "$config"; then
    return 0
  fi
  [ "${1:-}" = demo ] || return 1
  for arg in "$@"; do
    case "$arg" in
      --config | --config=*) return 1 ;;
    esac
  done
  return 0
}

# Class data sharing for DataSipper's classes: read and checked once, then mapped by every later
# start, which saved about a second of sip's start-up on a busy machine. The first run writes the
# archive as it exits, with the classes that run loaded: the commands that capture (sip, demo,
# attach) have an archive of their own, so that one of them finds the capture's classes there
# whatever command ran first. The server's warm-up for the dashboard's first opening loads its
# request path in every run that serves the dashboard, so those classes are in it too. The JVM
# writes an archive only when it is missing, not when the jars changed (it then runs without it): a
# rebuilt jar or library deletes it here. Writing it logs a warning for each class it leaves out
# (picocli's, compiled for Java 5, cannot be archived): not for the user.
ds_class_data_flags() {
  local archive="$DS_ROOT/cli/target/datasipper.jsa"
  if ds_captures "$@"; then
    archive="$DS_ROOT/cli/target/datasipper-capture.jsa"
  fi
  if [ -f "$archive" ] && [ -n "$(find "$DS_JAR" "$DS_ROOT/cli/target/lib" -newer "$archive" -print -quit 2>/dev/null)" ]; then
    rm -f "$archive"
  fi
  printf '%s\n' "-XX:SharedArchiveFile=$archive -XX:+AutoCreateSharedArchive -Xlog:cds*=off"
}

# True for the commands that start or attach to a browser and capture from it.
ds_captures() {
  case "${1:-}" in
    sip | demo | attach) return 0 ;;
    *) return 1 ;;
  esac
}

# For the commands that capture, the JIT compiles a method later than by default: C1 after five
# times as many calls, the optimizing C2 after four times as many calls and loops. In the first
# second the JVM and the starting browser share the machine's cores, and compiling start-up code,
# most of it run once, took CPU the browser needed: on 2 cores, C2's later start brought sip's
# first event 0.13-0.16 s sooner, C1's another 0.05 s (medians of bench/startup, alternated). Code
# that stays hot is compiled all the same, later: a method called once per captured event reaches
# C1 after 1,000 events instead of 200, and C2 after 20,000 instead of 5,000.
ds_compiler_flags() {
  printf '%s\n' "-XX:Tier3InvocationThreshold=1000 -XX:Tier3MinInvocationThreshold=500 -XX:Tier3CompileThreshold=10000 -XX:Tier4InvocationThreshold=20000 -XX:Tier4MinInvocationThreshold=2400 -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=160000"
}

# SQLite's native library as the build unpacked it (cli/pom.xml): given its path, sqlite-jdbc loads it
# as it is, where it would otherwise write it from its jar to the temporary directory, read it back to
# compare and load that copy on every start, 0.1 s of sip's start-up. Another platform's, or one that
# fails to load, falls back to that.
ds_sqlite_flags() {
  local dir
  dir="$DS_ROOT/cli/target/native/org/sqlite/native/Linux/$(uname -m)"
  if [ -f "$dir/libsqlitejdbc.so" ]; then
    printf '%s\n' "-Dorg.sqlite.lib.path=$dir -Dorg.sqlite.lib.name=libsqlitejdbc.so"
  fi
}

# Prints the JVM flags bin/datasipper runs the CLI with these arguments with, JAVA_OPTS last.
ds_jvm_flags() {
  local flags config sqlite
  # sqlite-jdbc loads its native library over JNI, which JDK 24 and later warn about unless allowed.
  flags="--enable-native-access=ALL-UNNAMED"
  # Truffle and kafka-clients call sun.misc.Unsafe, which JDK 24 and later warn about unless allowed.
  if [ "$(ds_jdk_major "$JAVA_HOME")" -ge 24 ]; then
    flags="$flags --sun-misc-unsafe-memory-access=allow"
  fi
  config=$(ds_config_file "$@")
  # JavaScript transforms run on GraalJS's optimizing compiler where the JDK can load it (JVMCI of
  # JDK 25+); elsewhere GraalJS interprets them, several times slower, and says so once. Loading
  # the compiler turns class data sharing off, which costs start-up about a second, so it is loaded
  # only when the config has a transform; one added while the command runs is interpreted.
  if [ "$(ds_jdk_major "$JAVA_HOME")" -ge 25 ] && [ -d "$DS_ROOT/cli/target/compiler" ] \
    && ds_has_transform "$config" "$@"; then
    flags="$flags -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI"
    flags="$flags --upgrade-module-path=$DS_ROOT/cli/target/compiler"
  else
    flags="$flags $(ds_class_data_flags "$@")"
  fi
  flags="$flags $(ds_heap_flags)"
  sqlite=$(ds_sqlite_flags)
  if [ -n "$sqlite" ]; then
    flags="$flags $sqlite"
  fi
  if ds_captures "$@"; then
    flags="$flags $(ds_compiler_flags)"
  fi
  printf '%s\n' "$flags${JAVA_OPTS:+ $JAVA_OPTS}"
}

ds_find_jdk() {
  local home major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && major=$(ds_jdk_major "$JAVA_HOME") && [ "$major" -ge "$DS_MIN_JAVA" ]; then
    return 0
  fi
  if command -v java >/dev/null; then
    home=$(readlink -f "$(command -v java)")
    home=${home%/bin/java}
    if major=$(ds_jdk_major "$home") && [ "$major" -ge "$DS_MIN_JAVA" ]; then
      export JAVA_HOME=$home
      return 0
    fi
  fi
  for home in /usr/lib/jvm/*; do
    if major=$(ds_jdk_major "$home") && [ "$major" -gt "$best_major" ]; then
      best=$home
      best_major=$major
    fi
  done
  if [ "$best_major" -ge "$DS_MIN_JAVA" ]; then
    export JAVA_HOME=$best
    return 0
  fi
  ds_die "datasipper needs a JDK $DS_MIN_JAVA or newer and found none (looked at JAVA_HOME, java on the PATH" \
    "and /usr/lib/jvm). Debian 12 packages only OpenJDK 17: install a JDK $DS_MIN_JAVA+ such as Eclipse Temurin" \
    "and set JAVA_HOME to it."
}

# Installs Debian packages as root, or stops with the command the user should run.
# $1 says what is missing and why; the rest are package names.
ds_apt_install() {
  local what=$1 log
  shift
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    ds_die "$what is not installed: run \`sudo apt-get install -y $*\`"
  fi
  ds_say "$what is not installed: running apt-get install -y $*"
  log=$(mktemp)
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    ds_die "apt-get install -y $* failed (output above)"
  fi
  rm -f "$log"
}

ds_ensure_chromium() {
  # DATASIPPER_CHROMIUM picks the browser; the Java side reads it too.
  if [ -n "${DATASIPPER_CHROMIUM:-}" ]; then
    [ -x "$DATASIPPER_CHROMIUM" ] || ds_die "DATASIPPER_CHROMIUM=$DATASIPPER_CHROMIUM is not an executable file"
    return 0
  fi
  # The real binary, not the /usr/bin/chromium wrapper, which adds flags of its own.
  [ -x /usr/lib/chromium/chromium ] || ds_apt_install "Chromium" chromium
  [ -x /usr/lib/chromium/chromium ] || ds_die "/usr/lib/chromium/chromium is still missing after installing chromium"
}

# Xvfb, the virtual display the headed browser tests (sip --headed, demo --headed) show their window
# on: a machine without a screen has none, and a headed test fails rather than skip without it.
ds_ensure_xvfb() {
  [ -x /usr/bin/Xvfb ] || ds_apt_install "Xvfb (the headed browser tests need a virtual display)" xvfb
  [ -x /usr/bin/Xvfb ] || ds_die "/usr/bin/Xvfb is still missing after installing xvfb"
}

ds_ensure_node() {
  # One package at a time: NodeSource's nodejs already brings npm and conflicts with Debian's.
  command -v node >/dev/null || ds_apt_install "Node.js (the dashboard is built with it; the export and cli tests run validators on it)" nodejs
  command -v npm >/dev/null || ds_apt_install "npm (the dashboard's build and the tests' validators are installed with it)" npm
  # Vite 8, which builds the dashboard, needs 20.19; Debian 12's own nodejs is 18.
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
    ds_die "Node.js $(node --version) is too old: the dashboard (module web) is built with Vite 8, which needs Node.js 20.19 or newer" \
      "(Debian 12's nodejs package is 18). Install Node.js 20.19+ or 22 (e.g. NodeSource's nodejs package, or nvm) and run again."
}

ds_ensure_maven() {
  command -v mvn >/dev/null || ds_apt_install "Maven" maven
}

# True when the jar is missing or a main source or pom is newer than it (the dashboard's sources under
# web/ too); test sources do not count.
ds_jar_stale() {
  [ -f "$DS_JAR" ] || return 0
  [ -n "$(find "$DS_ROOT" \( -name .git -o -name target -o -name node_modules \) -prune -o \
    \( -path '*/src/main/*' -o -name pom.xml -o -path "$DS_ROOT/web/src/*" -o -path "$DS_ROOT/web/index.html" \
    -o -path "$DS_ROOT/web/package-lock.json" -o -path "$DS_ROOT/web/vite.config.ts" \
    -o -path "$DS_ROOT/web/panel.html" -o -path "$DS_ROOT/web/vite.extension.config.ts" -o -path "$DS_ROOT/extension/*" \) -type f -newer "$DS_JAR" -print -quit)" ]
}

ds_build() {
  ds_jar_stale || return 0
  ds_ensure_maven
  ds_ensure_node
  local log="$DS_ROOT/target/build.log"
  mkdir -p "$DS_ROOT/target"
  if [ -f "$DS_JAR" ]; then
    ds_say "building DataSipper (sources changed)..."
  else
    ds_say "building DataSipper (first run)..."
  fi
  local status=0
  (cd "$DS_ROOT" && mvn -B -q -DskipTests install) >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    # Left out: colour codes Maven prints even in batch mode, and its own JVM's warnings.
    [ ! -f "$log" ] || sed -e 's/\x1b\[[0-9;]*m//g' "$log" | grep -v -e '^WARNING: ' -e '^$' >&2
    ds_die "the build failed (full log: $log)"
  fi
  # The jar plugin keeps an unchanged jar as it was: mark it as built from these sources.
  touch "$DS_JAR"
}
