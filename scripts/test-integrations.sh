#!/usr/bin/env bash
# Opt-in: the Python callbacks (integrations/python) on real tiny CPU trainings with transformers and
# Lightning. Uses $PYTHON when set, else /work/venv when it has torch, transformers and lightning,
# else makes .venv-integrations/ with them (CPU torch; a few minutes and about 1 GB the first time).
# Measured on the 2-core build machine (loaded): 51-63 s for the three tests, 70-83 s with imports, after the build.
set -euo pipefail
cd "$(dirname "$0")/.."

export PKG_CONFIG_PATH="$(scripts/pkg-config-path.sh)${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
swift build --product trainreport
export TRAINREPORT="$(swift build --show-bin-path)/trainreport"

has_frameworks() { "$1" -c 'import torch, transformers, lightning' 2>/dev/null; }
python="${PYTHON:-}"
if [[ -z "$python" && -x /work/venv/bin/python ]] && has_frameworks /work/venv/bin/python; then
    python=/work/venv/bin/python
fi
if [[ -z "$python" ]]; then
    if [[ ! -x .venv-integrations/bin/python ]]; then
        python3 -m venv .venv-integrations
        # pip's own configuration picks the wheel (a CPU torch where find-links provides one).
        .venv-integrations/bin/pip install --quiet torch transformers lightning huggingface_hub
    fi
    python=.venv-integrations/bin/python
fi

# Installed the way a user installs it (from the folder), into a scratch target so the venv stays clean.
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
"$python" -m pip install --quiet --no-deps --no-build-isolation --target "$site" ./integrations/python
start=$(date +%s)
PYTHONPATH="$site" "$python" -m unittest discover -s integrations/python/tests -v
echo "integration tests took $(( $(date +%s) - start )) s"
