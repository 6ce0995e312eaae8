"""The filter framework: a HostFilter decides whether one host can take
one instance of a request and, when not, says why."""


class HostFilter:
    """Subclasses implement ``host_passes``; a rejection returns
    ``self.reject('why', args...)`` so that the reason reaches the logs and
    the NoValidHost details.

    One instance serves one request (the scheduler makes new ones), so the
    reason attribute is never shared between requests.
    """
    # True when the answer cannot change between the picks of one request
    # (zone, service state, image): later picks reuse the first answer.
    run_once_per_request = False

    def __init__(self):
        self.reason = None

    @property
    def name(self):
        return type(self).__name__

    def host_passes(self, host, spec):
        raise NotImplementedError()

    def reject(self, reason, *args):
        self.reason = reason % args if args else reason
        return False

    def check(self, host, spec):
        """(passed, reason) for one host."""
        self.reason = None
        passed = bool(self.host_passes(host, spec))
        return passed, (None if passed else self.reason or
                        'rejected by %s' % self.name)


class FilterResult:
    """What a filter run left: the hosts, one (filter, before, after) per
    filter that ran, and the reason each removed host was dropped."""

    def __init__(self, hosts):
        self.hosts = list(hosts)
        self.history = []
        self.rejected = []          # per step: {host name: reason}

    def record(self, step, hosts, rejected):
        self.history.append((step, len(self.hosts), len(hosts)))
        self.hosts = list(hosts)
        self.rejected.append(dict(rejected))

    def lines(self):
        return ['%s: %d -> %d hosts' % step for step in self.history]

    def reasons(self):
        """(host name, reason) of every removed host, those the last step
        removed first (they were the last hope), each step by name."""
        return [item for step in reversed(self.rejected)
                for item in sorted(step.items())]


def run(filters, hosts, spec, cache=None, result=None):
    """Apply `filters` in order; stops once no host is left.

    `cache` (a dict kept across the picks of one request) holds the answers
    of run_once_per_request filters. `result` continues an earlier run.
    """
    cache = {} if cache is None else cache
    result = result or FilterResult(hosts)
    for flt in filters:
        if not result.hosts:
            break
        kept, rejected = [], {}
        for host in result.hosts:
            key = (flt.name, host.name)
            if flt.run_once_per_request and key in cache:
                passed, reason = cache[key]
            else:
                passed, reason = flt.check(host, spec)
                if flt.run_once_per_request:
                    cache[key] = (passed, reason)
            if passed:
                kept.append(host)
            else:
                rejected[host.name] = reason
        result.record(flt.name, kept, rejected)
    return result
