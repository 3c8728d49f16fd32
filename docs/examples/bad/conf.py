project = "bad logs"
extensions = ["myst_parser", "sphinxcontrib_devlog"]
