"""Qt widgets: they show what core says and forward what the person asks for."""
