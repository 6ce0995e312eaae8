# shellcheck shell=bash
# RabbitMQ without systemd: install if missing, start detached, wait for the
# AMQP port, make sure RABBIT_USER can log in to vhost / with full rights.
# Also sourced on its own (tests/run.sh calls rabbitmq_ensure_running).

if ! declare -F say >/dev/null; then
    # shellcheck source=lib/functions.sh
    source "$(dirname "${BASH_SOURCE[0]}")/functions.sh"
fi

# RABBIT_PORT: the AMQP port (5672). A second node on one machine (the
# broker-restart fault test runs its own) also sets RabbitMQ's own
# RABBITMQ_NODENAME, RABBITMQ_NODE_PORT, RABBITMQ_MNESIA_BASE... which
# rabbitmq-server and rabbitmqctl read from the environment.
rabbit_listening() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$1/${RABBIT_PORT:-5672}" 2>/dev/null
}

start_rabbitmq() {
    if rabbit_listening 127.0.0.1; then
        say "    rabbitmq: running"
        return 0
    fi
    local log=${LOG_DIR:-/opt/stack/logs}/stack-rabbitmq.log start=$EPOCHREALTIME deadline
    mkdir -p "$(dirname "$log")"
    # A node may run without listening yet: still booting (the package's
    # init script may have started it) or its app stopped. Starting a
    # second node would fail; start_app waits for the boot to finish.
    if rabbitmq-diagnostics -q ping >>"$log" 2>&1; then
        rabbitmqctl start_app >>"$log" 2>&1 || true
    else
        # 9>&-: the node must not inherit stack.sh's lock.
        rabbitmq-server -detached >>"$log" 2>&1 9>&- \
            || die "rabbitmq-server -detached failed; see $log"
    fi
    deadline=$((SECONDS + 90))
    until rabbit_listening 127.0.0.1; do
        (( SECONDS < deadline )) || die "RabbitMQ did not open port ${RABBIT_PORT:-5672} within 90 s; see $log and /var/log/rabbitmq/"
        sleep 0.2
    done
    say "    rabbitmq: started in $(elapsed_since "$start") s"
}

# Start RabbitMQ unless it runs; return once it accepts AMQP connections.
rabbitmq_ensure_running() {
    start_rabbitmq
}

# Stop the node (durable queues and persistent messages stay on disk;
# start_rabbitmq brings them back). tests/faults restarts a broker this way.
stop_rabbitmq() {
    local log=${LOG_DIR:-/opt/stack/logs}/stack-rabbitmq.log
    mkdir -p "$(dirname "$log")"
    rabbitmqctl stop >>"$log" 2>&1 || true
}

# An AMQP login to vhost / (fails without permissions on it). Needs the venv.
rabbit_login_ok() {
    [[ -x $VENV/bin/python ]] || return 1
    RABBIT_HOST=$RABBIT_HOST RABBIT_USER=$RABBIT_USER \
    RABBIT_PASSWORD=$RABBIT_PASSWORD "$VENV/bin/python" - <<'PY' 2>/dev/null
import os
import amqp
conn = amqp.Connection('%s:5672' % os.environ['RABBIT_HOST'],
                       userid=os.environ['RABBIT_USER'],
                       password=os.environ['RABBIT_PASSWORD'],
                       virtual_host='/', connect_timeout=5)
conn.connect()
conn.close()
PY
}

ensure_rabbit_user() {
    if rabbit_login_ok; then
        say "    rabbitmq: user $RABBIT_USER can log in"
        return 0
    fi
    local log=$LOG_DIR/stack-rabbitmq.log
    if rabbitmqctl -q list_users 2>>"$log" | grep -q "^${RABBIT_USER}[[:space:]]"; then
        rabbitmqctl change_password "$RABBIT_USER" "$RABBIT_PASSWORD" >>"$log" 2>&1 \
            || die "rabbitmqctl change_password failed; see $log"
        say "    rabbitmq: user $RABBIT_USER password set"
    else
        rabbitmqctl add_user "$RABBIT_USER" "$RABBIT_PASSWORD" >>"$log" 2>&1 \
            || die "rabbitmqctl add_user failed; see $log"
        say "    rabbitmq: user $RABBIT_USER created"
    fi
    rabbitmqctl set_permissions -p / "$RABBIT_USER" '.*' '.*' '.*' >>"$log" 2>&1 \
        || die "rabbitmqctl set_permissions failed; see $log"
}

# The whole RabbitMQ step; stack.sh runs it in the background.
setup_rabbitmq() {
    if ! is_service_enabled rabbit; then
        rabbit_listening "$RABBIT_HOST" \
            || warn "RabbitMQ at $RABBIT_HOST:5672 does not answer"
        return 0
    fi
    install_packages rabbitmq-server
    start_rabbitmq
    ensure_rabbit_user
}

delete_rabbit_user() {
    is_service_enabled rabbit && command -v rabbitmqctl >/dev/null || return 0
    rabbit_listening 127.0.0.1 || return 0
    if rabbitmqctl -q list_users 2>/dev/null | grep -q "^${RABBIT_USER}[[:space:]]"; then
        rabbitmqctl delete_user "$RABBIT_USER" >/dev/null 2>&1 \
            && say "    rabbitmq: user $RABBIT_USER deleted"
    fi
}
