# The JVM collector rule of scripts/recsys-pipelines and scripts/bench.sh, sourced by both.
# For these batch runs G1 (the JVM's default on two CPUs or more) cost 20-25% more time and CPU than
# ParallelGC at local[2]; on one CPU the JVM's own choice (Serial) stays. A collector named in the
# flags wins: a second one would stop the JVM ("Multiple garbage collectors selected").
# docs/performance.md, "Garbage collector".

# Prints the collector flag to add, or nothing. $1: the CPUs the JVM may use; the rest: its flags.
throughput_collector() {
  local cpus="$1"
  shift
  if [[ "$cpus" -ge 2 && ! "$*" =~ -XX:\+Use[A-Za-z0-9]+GC ]]; then
    echo "-XX:+UseParallelGC"
  fi
}
