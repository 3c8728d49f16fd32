"""``python -m sphinxcontrib_devlog.cli``, the same as ``sphinx-devlog``."""

import sys

from . import main

sys.exit(main())
