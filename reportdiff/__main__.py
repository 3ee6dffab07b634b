"""`python -m reportdiff ...`: the same command as the `reportdiff` console script."""
from ._launch import main

if __name__ == "__main__":
    main()
