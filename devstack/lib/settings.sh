# shellcheck shell=bash disable=SC2034
# Settings shared by stack.sh, unstack.sh, openrc and bench/startup.py.
#
# Precedence: devstack/local.conf, then the environment, then the defaults
# below. local.conf is plain shell (KEY=value lines); local.conf.sample
# documents every key.

STRATUS_DEVSTACK_DIR=${STRATUS_DEVSTACK_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
STRATUS_REPO_DIR=$(dirname "$STRATUS_DEVSTACK_DIR")
if [[ -f $STRATUS_DEVSTACK_DIR/local.conf ]]; then
    # shellcheck source=/dev/null
    source "$STRATUS_DEVSTACK_DIR/local.conf"
fi

# Where clients reach this node. 127.0.0.1 keeps a single-node cloud on
# loopback; set the machine's address to reach it from elsewhere.
HOST_IP=${HOST_IP:-127.0.0.1}
# The node running stratus-api and RabbitMQ (differs on a compute-only node).
SERVICE_HOST=${SERVICE_HOST:-$HOST_IP}
SERVICE_PORT=${SERVICE_PORT:-80}
REGION_NAME=${REGION_NAME:-RegionOne}
HOST_NAME=${HOST_NAME:-$(uname -n)}

ADMIN_PASSWORD=${ADMIN_PASSWORD:-secret}
DEMO_PASSWORD=${DEMO_PASSWORD:-secret}

RABBIT_HOST=${RABBIT_HOST:-$SERVICE_HOST}
RABBIT_USER=${RABBIT_USER:-stratus}
RABBIT_PASSWORD=${RABBIT_PASSWORD:-secret}

DATA_DIR=${DATA_DIR:-/opt/stack/data/stratus}
LOG_DIR=${LOG_DIR:-/opt/stack/logs}
PID_DIR=${PID_DIR:-$DATA_DIR/pids}
VENV=${VENV:-/opt/stack/venv}
PYTHON=${PYTHON:-/usr/bin/python3}
STRATUS_CONF_DIR=${STRATUS_CONF_DIR:-/etc/stratus}
STRATUS_CONF=$STRATUS_CONF_DIR/stratus.conf

# SQLite suits one host only; several hosts share MariaDB or PostgreSQL
# (mysql+pymysql://... or postgresql://...), see devstack/README.md.
DATABASE_URL=${DATABASE_URL:-sqlite:///$DATA_DIR/stratus.sqlite}

# Volume backends as name:driver pairs, comma separated. The LVM driver is
# not written yet, so the devstack-named backend uses the fake driver.
VOLUME_BACKENDS=${VOLUME_BACKENDS:-lvmdriver-1:fake}

# What this node runs. rabbit = install and start RabbitMQ here; api implies
# db sync, bootstrap and the catalog/flavor set-up.
ENABLED_SERVICES=${ENABLED_SERVICES:-rabbit,api,conductor,scheduler,compute,volume}
# 1 = a second stratus-compute with host <host>-2 (for migrations later).
EXTRA_COMPUTE=${EXTRA_COMPUTE:-0}

DEBUG=${DEBUG:-False}
# Seconds stack.sh waits for every daemon to be up; unstack.sh for them to stop.
SERVICE_TIMEOUT=${SERVICE_TIMEOUT:-60}
STOP_TIMEOUT=${STOP_TIMEOUT:-40}
# 1 = also apt-get install gcc and python3-dev (only needed where some
# pinned dependency has no binary wheel for this platform).
INSTALL_BUILD_DEPS=${INSTALL_BUILD_DEPS:-0}

# The public base URL of every REST surface.
if [[ $SERVICE_PORT == 80 ]]; then
    SERVICE_URL=http://$SERVICE_HOST
else
    SERVICE_URL=http://$SERVICE_HOST:$SERVICE_PORT
fi
