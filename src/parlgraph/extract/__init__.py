"""Answer analysis: the services that answer, and the social-media accounts answers name."""
