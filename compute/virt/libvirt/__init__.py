"""The libvirt virt driver (QEMU/KVM guests); see driver.py."""
