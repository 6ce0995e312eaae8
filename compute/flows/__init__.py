"""One module per per-host operation; each has FLOW_NAME and a
module-level get_flow(driver, conductor) whose docstring lists the steps."""
