#!/usr/bin/env bash
# Builds what the GPU check needs on a machine without Java or network access, into .device/
# (ignored by git): a jlink'd Java runtime of only the modules Hasten needs, the project's jars
# without the CPU libtorch (the GPU machine brings its own), and the Fashion-MNIST files.
# Then, on the GPU machine, from the repository root: bash samples/gpu/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/.device"
cd "$root"
mvn -q -B -DskipTests package
rm -rf "$out/jre" "$out/jre.tar.xz" "$out/lib" "$out/data"
mkdir -p "$out/lib" "$out/data"
# java.desktop is left out to fit the 64 MiB the device tool carries; without it the run skips
# curves.png with a warning and does everything else.
jlink --add-modules java.base,java.compiler,java.logging,java.management,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages \
  --strip-native-debug-symbols=objcopy=/usr/bin/objcopy --output "$out/jre"
tar -C "$out" -cf - jre | xz -9 -T2 > "$out/jre.tar.xz"
rm -rf "$out/jre"
for jar in samples/target/lib/*.jar samples/target/hasten-samples-*.jar; do
  case "$jar" in *pytorch-native-cpu*) ;; *) cp "$jar" "$out/lib/" ;; esac
done
cp /usr/share/datasets/fashion-mnist/*.gz "$out/data/"
du -sh "$out"
