#!/bin/sh
# Compiles the test models (one shared library each) and the FMU driver into $1. Needs a C compiler (gcc).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$out"
cc=${CC:-gcc}
for src in "$here"/models/*.c; do
    name=$(basename "$src" .c)
    "$cc" -std=c99 -O2 -Wall -Wextra -Wno-type-limits -Wno-unused-function -Werror -shared -fPIC -I"$here/include" -o "$out/$name.so" "$src" -lm
done
# The same sources as FMI 3.0 FMUs.
for name in lag bouncingball failing feedthrough crashing; do
    "$cc" -std=c99 -O2 -Wall -Wextra -Wno-type-limits -Wno-unused-function -Werror -shared -fPIC -DTWIN_FMI3 -I"$here/include" -o "$out/${name}3.so" "$here/models/$name.c" -lm
done
cp "$here"/models/*.xml "$out"/
"$cc" -std=c99 -O2 -Wall -Wextra -Werror -I"$here/include" -o "$out/fmu-driver" "$here/driver.c" -ldl
