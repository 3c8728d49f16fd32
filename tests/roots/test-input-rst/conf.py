project = "Input"
extensions = ["sphinxcontrib_devlog"]
exclude_patterns = ["_build"]
