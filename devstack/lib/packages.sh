# shellcheck shell=bash
# Debian packages: install only what is missing; no apt at all otherwise.
# python3-venv is installed first (the venv needs it); rabbitmq-server is
# installed by lib/rabbitmq.sh in the background while pip runs.

python_packages() {
    printf '%s\n' python3-venv
    # libvirt-python ships no wheel: pip builds it against libvirt's
    # headers (about 8 s). Every other pinned dependency has a manylinux
    # wheel for CPython 3.11 on x86_64 and aarch64.
    printf '%s\n' libvirt-dev pkg-config gcc python3-dev
}


missing_packages() {
    local pkg
    for pkg in "$@"; do
        [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null) == ii* ]] \
            || printf '%s\n' "$pkg"
    done
}

# apt-get update once, only when some package is missing (those of
# python_packages, rabbitmq-server and the arguments).
apt_update_if_needed() {
    local -a wanted
    mapfile -t wanted < <(python_packages; printf '%s\n' "$@")
    is_service_enabled rabbit && wanted+=(rabbitmq-server)
    if [[ -z $(missing_packages "${wanted[@]}") ]]; then
        say "    packages: all present"
        return 0
    fi
    say "    packages: apt-get update"
    apt-get update >>"$LOG_DIR/stack-apt.log" 2>&1 \
        || die "apt-get update failed; see $LOG_DIR/stack-apt.log"
}

install_packages() {
    local -a missing
    mapfile -t missing < <(missing_packages "$@")
    (( ${#missing[@]} == 0 )) && return 0
    say "    packages: installing ${missing[*]}"
    local log=$LOG_DIR/stack-apt.log
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        "${missing[@]}" >>"$log" 2>&1 \
        || { tail -n 20 "$log" >&2; die "apt-get install failed; see $log"; }
}
