"""The command line: ``secretariat-app [--db X] [--lang ru|kk|en] COMMAND``."""
