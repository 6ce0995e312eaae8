"""LVM volume driver: control path (driver.py), volume group (vg.py), data path (datapath.py, loopdev.py)."""
