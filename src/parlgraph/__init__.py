"""parlgraph: linked data for parliamentary written questions, starting with the Belgian Senate."""

from importlib.metadata import version

__version__ = version("parlgraph")
