"""Run the web server and the task worker together; Ctrl-C (or SIGTERM) stops both."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the app on ADDRPORT and run the task worker beside it."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        manage = [sys.executable, "manage.py"]
        # Each child leads its own process group, so stopping it also stops the process
        # Django's autoreloader forks underneath it.
        children = [
            self.start([*manage, "runserver", options["addrport"]]),
            self.start([*manage, "db_worker"]),
        ]
        self.stdout.write(
            f"Parallax on http://{options['addrport']}/ with its worker. Ctrl-C stops both."
        )

        def interrupt(signum, frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, interrupt)
        signal.signal(signal.SIGINT, interrupt)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            self.stop(children)
        self.stdout.write("Stopped the web server and the worker.")

    def start(self, command: list[str]) -> subprocess.Popen:
        # Ctrl-C must reach the child even when this process was started with SIGINT ignored
        # (as a background job is).
        return subprocess.Popen(
            command,
            start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )

    def stop(self, children: list[subprocess.Popen]) -> None:
        """SIGINT (a graceful stop: the worker finishes its task), then SIGTERM, then SIGKILL."""
        for sig, grace in [(signal.SIGINT, 20), (signal.SIGTERM, 5), (signal.SIGKILL, 5)]:
            running = [child for child in children if child.poll() is None]
            if not running:
                return
            for child in running:
                try:
                    os.killpg(child.pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + grace
            for child in running:
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    pass
