"""`python -m regietui` is the `regietui` command."""

from .cli import main

raise SystemExit(main())
