# shellcheck shell=bash
# Sourced by the benchmark scripts: finds a JDK 21+ and Chromium as bin/datasipper does, builds the
# bench module and its dependencies into target/ (never into ~/.m2), then runs a main class of it.
#   bench_run CLASS NAME [ARGS...]   NAME is the script's name, for the report's command line
set -euo pipefail
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../../bin/lib/setup.sh
. "$BENCH_ROOT/bin/lib/setup.sh"

bench_java_major() {
  "$1" -version 2>&1 | sed -n 's/.* version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}

bench_build() {
  ds_find_jdk
  ds_ensure_chromium
  ds_ensure_maven
  echo "$1: building with $JAVA_HOME" >&2
  local maven_opts=${MAVEN_OPTS:-}
  # Maven 3.8 itself calls sun.misc.Unsafe, which JDK 24+ warns about: not our build's warning.
  if [ "$(bench_java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
    maven_opts="$maven_opts --sun-misc-unsafe-memory-access=allow"
  fi
  (cd "$BENCH_ROOT" && MAVEN_OPTS=$maven_opts mvn -q -B -pl "${BENCH_MODULES:-bench}" -am -DskipTests package)
}

# Runs CLASS of the bench module; BENCH_JAVA_OPTS adds JVM flags.
bench_run() {
  local class=$1 name=$2
  shift 2
  cd "$BENCH_ROOT"
  mkdir -p bench/target/tmp
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} \
    --enable-native-access=ALL-UNNAMED \
    -Djava.io.tmpdir=bench/target/tmp \
    -Dbench.command="$name${*:+ $*}" \
    -cp "bench/target/datasipper-bench.jar:bench/target/lib/*" \
    "$class" "$@"
}
