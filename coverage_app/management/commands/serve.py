"""Run the web server and the task worker together; Ctrl-C stops both."""

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
        children = [
            subprocess.Popen([*manage, "runserver", options["addrport"]]),
            subprocess.Popen([*manage, "db_worker"]),
        ]
        self.stdout.write(
            f"Parallax on http://{options['addrport']}/ with its worker. Ctrl-C stops both."
        )

        def stop(signum=None, frame=None):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGINT)
            deadline = time.monotonic() + 10
            for child in children:
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
        self.stdout.write("Stopped the web server and the worker.")
