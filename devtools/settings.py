"""The production settings plus this package, so its management commands can be run."""

from newsroom.settings import *  # noqa: F403
from newsroom.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
