import importlib
import os
import pkgutil
import sys
import time

import django


def main(names: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coverage_app.settings")
    django.setup()
    package = os.path.dirname(__file__)
    modules = sorted(m.name for m in pkgutil.iter_modules([package]) if m.name.startswith("bench_"))
    for name in modules:
        if names and not any(n in name for n in names):
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        if not names and not getattr(module, "DEFAULT", True):
            print(f"== {name}: not run by default (python -m benchmarks {name[6:]})", flush=True)
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        module.main()
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
