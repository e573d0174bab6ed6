"""`python -m regietui` is the `regietui` command."""

from .launch import main

raise SystemExit(main())
