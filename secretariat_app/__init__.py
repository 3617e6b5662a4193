"""Forum Secretariat: control of the execution of the decisions of the Forum of
Interregional Cooperation of Kazakhstan and Russia."""

__version__ = "0.1.0"
APP_NAME = "secretariat-app"
