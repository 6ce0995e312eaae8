# shellcheck shell=bash
# The daemons: start each detached with a pid file, wait until each is up
# (its log says so), check the service records, stop by pid file.

# Lines the daemons log once they serve: common/service.py and api/daemon.py.
UP_MARKER=' started in [0-9.]+s$| listening on http://'
declare -A DAEMON_BASE DAEMON_START DAEMON_UP

# The argv of daemon $1, one word per line.
daemon_command() {
    local name=$1
    printf '%s\n' "$VENV/bin/${name%-2}" --config-file "$STRATUS_CONF" \
        --config-dir "$STRATUS_CONF_DIR/stratus.conf.d"
    if [[ $name == stratus-compute-2 ]]; then
        printf '%s\n' --config-file "$STRATUS_CONF_DIR/stratus-compute-2.conf" \
            --log-file "$(log_file "$name")"
    fi
}

# True while pid $1 exists and is not a zombie.
pid_alive() {
    local stat
    read -r stat 2>/dev/null < "/proc/$1/stat" || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}

marker_count() {
    local count
    count=$(grep -c -E -- "$UP_MARKER" "$1" 2>/dev/null) || true
    printf '%s' "${count:-0}"
}

start_daemon() {
    local name=$1 log pid
    local -a cmd
    log=$(log_file "$name")
    mapfile -t cmd < <(daemon_command "$name")
    DAEMON_BASE[$name]=$(marker_count "$log")
    DAEMON_START[$name]=$EPOCHREALTIME
    # Own session: a Ctrl-C in this terminal never reaches the daemons.
    setsid "${cmd[@]}" >>"$log" 2>&1 </dev/null 9>&- &
    pid=$!
    printf '%s\n' "$pid" > "$(pid_file "$name")"
}

# An HTTP status line from the API (a subshell: a failed exec <> ends it).
api_answers() (
    local status=
    exec 3<>"/dev/tcp/127.0.0.1/$SERVICE_PORT" || exit 1
    printf 'GET /identity HTTP/1.0\r\nHost: %s\r\n\r\n' "$SERVICE_HOST" >&3
    read -r -t 5 status <&3 || true
    [[ $status == HTTP/* ]]
)

daemon_failed() {
    local name=$1 why=$2 log
    log=$(log_file "$name")
    say "---- last lines of $log ----" >&2
    tail -n 25 "$log" >&2
    die "$name $why; see $log"
}

# Wait until every daemon named has logged that it is up.
wait_for_daemons() {
    local -A pending=()
    local name pid file count deadline=$((SECONDS + SERVICE_TIMEOUT))
    local -a files
    for name in "$@"; do
        [[ -n ${DAEMON_UP[$name]:-} ]] || pending[$name]=1
    done
    while (( ${#pending[@]} > 0 )); do
        files=()
        for name in "${!pending[@]}"; do
            files+=("$(log_file "$name")")
        done
        while IFS=: read -r file count; do
            name=$(basename "$file" .log)
            [[ -n ${pending[$name]:-} ]] || continue
            (( count > ${DAEMON_BASE[$name]} )) || continue
            if [[ $name == stratus-api ]] && ! api_answers 2>/dev/null; then
                continue
            fi
            read -r pid < "$(pid_file "$name")"
            say "    $name: up in $(elapsed_since "${DAEMON_START[$name]}") s (pid $pid)"
            DAEMON_UP[$name]=1
            unset "pending[$name]"
        done < <(grep -H -c -E -- "$UP_MARKER" "${files[@]}" 2>/dev/null || true)
        for name in "${!pending[@]}"; do
            read -r pid < "$(pid_file "$name")"
            pid_alive "$pid" || daemon_failed "$name" "exited while starting"
        done
        (( ${#pending[@]} == 0 )) && break
        if (( SECONDS >= deadline )); then
            for name in "${!pending[@]}"; do
                daemon_failed "$name" "is not up after $SERVICE_TIMEOUT s"
            done
        fi
        sleep 0.1
    done
}

# binary host pairs stratus-manage service list must show up.
expected_services() {
    local name backend
    for name in $(stratus_daemons); do
        case $name in
            stratus-api) ;;
            stratus-compute-2) printf 'stratus-compute %s-2\n' "$HOST_NAME" ;;
            stratus-volume)
                for backend in ${VOLUME_BACKENDS//,/ }; do
                    printf 'stratus-volume %s@%s\n' "$HOST_NAME" "${backend%%:*}"
                done ;;
            *) printf '%s %s\n' "$name" "$HOST_NAME" ;;
        esac
    done
}

# Poll stratus-manage service list until each expected record is up.
check_service_list() {
    local deadline=$((SECONDS + SERVICE_TIMEOUT)) table binary host missing
    while :; do
        table=$(stratus_manage service list 2>&1) || { printf '%s\n' "$table" >&2; die "stratus-manage service list failed"; }
        missing=()
        while read -r binary host; do
            awk -v b="$binary" -v h="$host" \
                '$2 == b && $3 == h && $6 == ":-)" {found = 1} END {exit !found}' \
                <<< "$table" || missing+=("$binary on $host")
        done < <(expected_services)
        (( ${#missing[@]} == 0 )) && break
        if (( SECONDS >= deadline )); then
            printf '%s\n' "$table" >&2
            binary=${missing[0]%% on *}
            [[ ${missing[0]} == *-2 ]] && binary=stratus-compute-2
            die "service list shows ${missing[*]} not up; see $(log_file "$binary")"
        fi
        sleep 0.5
    done
    say "    ${table//$'\n'/$'\n'    }"
}

# SIGTERM every daemon that has a pid file, SIGKILL its process group after
# STOP_TIMEOUT seconds, remove the pid files.
stop_daemons() {
    local file name pid deadline=$((SECONDS + STOP_TIMEOUT)) start=$EPOCHREALTIME
    local -A pids=()
    for file in "$PID_DIR"/*.pid; do
        [[ -f $file ]] || continue
        name=$(basename "$file" .pid)
        if pid=$(running_pid "$name"); then
            kill -TERM "$pid" 2>/dev/null || true
            pids[$name]=$pid
        else
            say "    $name: not running"
            rm -f "$file"
        fi
    done
    while (( ${#pids[@]} > 0 )); do
        for name in "${!pids[@]}"; do
            pid=${pids[$name]}
            if ! pid_alive "$pid"; then
                say "    $name: stopped (pid $pid) after $(elapsed_since "$start") s"
                rm -f "$(pid_file "$name")"
                unset "pids[$name]"
            elif (( SECONDS >= deadline )); then
                kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
                say "    $name: killed (pid $pid) after $STOP_TIMEOUT s; see $(log_file "$name")"
                rm -f "$(pid_file "$name")"
                unset "pids[$name]"
            fi
        done
        (( ${#pids[@]} > 0 )) && sleep 0.1
    done
    return 0
}
