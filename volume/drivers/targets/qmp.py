"""A minimal QMP client (QEMU Machine Protocol, JSON lines on a UNIX socket)
for talking to qemu-storage-daemon: one connection per operation."""
import json
import socket


class QMPError(Exception):
    def __init__(self, command, error):
        self.command = command
        self.error_class = error.get('class')
        self.desc = error.get('desc', '')
        super().__init__('QMP %s failed: %s: %s' % (command, self.error_class,
                                                    self.desc))


class QMPClient:
    def __init__(self, path, timeout=10.0):
        self.path = path
        self.timeout = timeout
        self._sock = None
        self._file = None

    def __enter__(self):
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.settimeout(self.timeout)
        try:
            self._sock.connect(self.path)
            self._file = self._sock.makefile('rw', encoding='utf-8')
            self._read()                       # the greeting
            self.command('qmp_capabilities')
        except Exception:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        for thing in (self._file, self._sock):
            if thing is not None:
                try:
                    thing.close()
                except OSError:
                    pass
        self._file = self._sock = None

    def _read(self):
        line = self._file.readline()
        if not line:
            raise ConnectionError('QMP socket %s closed' % self.path)
        return json.loads(line)

    def command(self, name, /, **arguments):
        # positional-only: QMP arguments include one called 'name'.
        message = {'execute': name}
        if arguments:
            message['arguments'] = arguments
        self._file.write(json.dumps(message) + '\n')
        self._file.flush()
        while True:
            reply = self._read()
            if 'event' in reply:
                continue        # asynchronous events are not answers
            if 'error' in reply:
                raise QMPError(name, reply['error'])
            return reply.get('return')
