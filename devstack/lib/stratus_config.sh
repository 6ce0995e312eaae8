# shellcheck shell=bash disable=SC2034
# /etc/stratus/stratus.conf (and the extra file of the second compute, with
# its own host name and instances path).
# Files are replaced only when their content changes; CONFIG_CHANGED=1 then.
# Local overrides go in /etc/stratus/stratus.conf.d/*.conf, never touched.

CONFIG_CHANGED=0

url_quote() {
    if [[ $1 =~ ^[A-Za-z0-9._~-]*$ ]]; then
        printf '%s' "$1"
    else
        "$PYTHON" -c 'import sys, urllib.parse
print(urllib.parse.quote(sys.argv[1], safe=""), end="")' "$1"
    fi
}

render_stratus_conf() {
    local backend name driver index=0 names=()
    for backend in ${VOLUME_BACKENDS//,/ }; do
        names+=("${backend%%:*}")
    done
    cat <<CONF
# Written by devstack/stack.sh from devstack/local.conf; edits here are lost
# on the next run. Put local overrides in $STRATUS_CONF_DIR/stratus.conf.d/.
[DEFAULT]
host = $HOST_NAME
transport_url = rabbit://$(url_quote "$RABBIT_USER"):$(url_quote "$RABBIT_PASSWORD")@$RABBIT_HOST:5672/
log_dir = $LOG_DIR
state_path = $DATA_DIR
debug = $DEBUG
use_stderr = False
enabled_backends = $(IFS=,; printf '%s' "${names[*]}")
compute_driver = $COMPUTE_DRIVER

[database]
connection = $DATABASE_URL

[api]
bind_port = $SERVICE_PORT

[glance]
api_servers = $SERVICE_URL/image
CONF
    if [[ $COMPUTE_DRIVER == libvirt ]]; then
        cat <<CONF

[libvirt]
virt_type = $(libvirt_detect_virt_type)
connection_uri = qemu:///system
instances_path = $DATA_DIR/instances
CONF
    fi
    for backend in ${VOLUME_BACKENDS//,/ }; do
        name=${backend%%:*}
        driver=${backend#*:}
        [[ $driver == "$backend" ]] && driver=fake
        cat <<CONF

[$name]
volume_driver = $driver
volume_backend_name = $name
CONF
        if [[ $driver == lvm ]]; then
            cat <<CONF
volume_group = stack-volumes-$name
target_protocol = $VOLUME_TARGET_PROTOCOL
target_ip_address = $HOST_IP
target_port = $((10809 + index))
CONF
            index=$((index + 1))
        fi
    done
}

# install_file PATH: stdin becomes PATH (mode 0640) if the content differs.
install_file() {
    local path=$1 tmp
    tmp=$(mktemp "$path.XXXXXX")
    cat > "$tmp"
    chmod 0640 "$tmp"
    if [[ -f $path ]] && cmp -s "$tmp" "$path"; then
        rm -f "$tmp"
        return 1
    fi
    mv -f "$tmp" "$path"
}

write_stratus_conf() {
    mkdir -p "$STRATUS_CONF_DIR/stratus.conf.d" "$DATA_DIR" "$LOG_DIR" "$PID_DIR"
    if render_stratus_conf | install_file "$STRATUS_CONF"; then
        CONFIG_CHANGED=1
        say "    config: wrote $STRATUS_CONF"
    else
        say "    config: $STRATUS_CONF unchanged"
    fi
    if [[ $EXTRA_COMPUTE == 1 ]]; then
        # Its own instances path: a migration between the two really
        # copies the disk.
        printf '# The second stratus-compute of this machine.\n[DEFAULT]\nhost = %s-2\n\n[libvirt]\ninstances_path = %s/instances-2\n' \
            "$HOST_NAME" "$DATA_DIR" | install_file "$STRATUS_CONF_DIR/stratus-compute-2.conf" \
            && say "    config: wrote $STRATUS_CONF_DIR/stratus-compute-2.conf"
    fi
    return 0
}
