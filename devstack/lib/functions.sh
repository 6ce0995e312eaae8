# shellcheck shell=bash
# Small helpers: messages, timing, service selection, process checks.

say() { printf '%s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

# Seconds since $1 (an EPOCHREALTIME value), with one decimal.
elapsed_since() {
    local now=$EPOCHREALTIME start=$1
    local ms=$(( (${now//[.,]/} - ${start//[.,]/}) / 1000 ))
    printf '%d.%d' $((ms / 1000)) $(((ms % 1000) / 100))
}

is_service_enabled() {
    [[ ,$ENABLED_SERVICES, == *,$1,* ]]
}

# The daemons this node runs, in start order (conductor first: computes
# register through it).
stratus_daemons() {
    local svc
    for svc in conductor scheduler volume compute api; do
        is_service_enabled "$svc" && printf 'stratus-%s\n' "$svc"
    done
    if is_service_enabled compute && [[ $EXTRA_COMPUTE == 1 ]]; then
        printf 'stratus-compute-2\n'
    fi
}

pid_file() { printf '%s/%s.pid' "$PID_DIR" "$1"; }
log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }

# The pid of daemon $1 if its pid file names a live stratus process, else
# nothing (and status 1). Guards against pids reused by other programs.
running_pid() {
    local file pid args
    file=$(pid_file "$1")
    [[ -f $file ]] || return 1
    read -r pid < "$file" || return 1
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
    mapfile -d '' args < "/proc/$pid/cmdline" 2>/dev/null || return 1
    [[ "${args[*]}" == *"/bin/stratus-"* ]] || return 1
    printf '%s' "$pid"
}

# Refuse a second stack.sh/unstack.sh running at the same time.
take_lock() {
    mkdir -p "$(dirname "$DATA_DIR")"
    exec 9>"$(dirname "$DATA_DIR")/.stratus-devstack.lock"
    flock -n 9 || die "another stack.sh or unstack.sh is running"
}
