#!/usr/bin/env bash
# Dependency direction (docs/architecture.md): domain/ includes only the
# standard library and itself; config/ only domain/; actors/ only domain/
# and actors/; sim/, live/ and store/ never web/; nothing includes app/.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
check() {  # folder, allowed project folders (regex)
  local dir=$1 allowed=$2
  [[ -d $dir ]] || return 0
  while IFS= read -r line; do
    echo "dependency violation: $line"; fail=1
  done < <(grep -rnE '^#include "' "$dir" --include='*.hpp' --include='*.cpp' \
             | grep -vE "#include \"($allowed)/" || true)
}
check domain 'domain'
check config 'domain|config'
check actors 'domain|actors'
check sim 'domain|actors|sim'
check live 'domain|actors|live'
check store 'domain|actors|sim|store'
check web 'domain|live|web'
# domain/ must not see CAF, Boost, toml++ or SQLite.
if grep -rnE '#include <(caf|boost|toml|sqlite)' domain; then fail=1; fi
if grep -rnE '#include <caf' web; then echo "web/ must not include CAF headers"; fail=1; fi
[[ $fail == 0 ]] && echo "include check: ok"
exit $fail
