"""`make bench`: run every benchmark in this folder in turn and print their reports."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    for script in sorted(HERE.glob("*.py")):
        # scale.py is `make bench-scale`: a 40-minute run of its own.
        if script.name in {"run_all.py", "__init__.py", "scale.py"} or script.name.startswith("_"):
            continue
        print(f"\n=== {script.stem} ===", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
