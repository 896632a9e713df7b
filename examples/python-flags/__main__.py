"""Entry point for `pulumi up` in this directory: the program is in program.py."""
from program import flagship_flags

flagship_flags()
