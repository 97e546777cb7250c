"""Load the demo shop: idempotent, so it can run on every `make run`."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create or update the demo content (locales, pages, settings, products)."

    def handle(self, *args, **options):
        # Each app that has demo content keeps it in its own `demo.py` with a `seed(command)`
        # function; they run in INSTALLED_APPS order, so `home` (locales, home pages) comes first.
        modules = []
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if find_spec(module_name) is None:
                continue
            modules.append(import_module(module_name))
            modules[-1].seed(self)
        # Steps that need every app's content (the menus link the shop and the content pages).
        for module in modules:
            if hasattr(module, "finish"):
                module.finish(self)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
