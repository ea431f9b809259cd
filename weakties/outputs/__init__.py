"""Writers: they only read the graph and analysis results and write files or text."""
