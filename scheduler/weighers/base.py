"""The weigher framework: each weigher gives a raw number per host; the
numbers are normalised to 0..1 across the hosts, multiplied by the
weigher's multiplier and summed. Higher wins."""
from stratus.common.conf import CONF


class Weigher:
    """Subclasses implement ``weigh`` and name their multiplier option in
    [filter_scheduler]. ``minval``/``maxval`` fix the normalisation range
    when the raw values have known bounds."""
    multiplier_opt = None
    minval = None
    maxval = None

    @property
    def name(self):
        return type(self).__name__

    def multiplier(self):
        if self.multiplier_opt is None:
            return 1.0
        return getattr(CONF.filter_scheduler, self.multiplier_opt)

    def weigh(self, host, spec):
        raise NotImplementedError()


def normalize(values, minval=None, maxval=None):
    """Scale to 0..1; all equal values (no preference) become 0."""
    if not values:
        return []
    low = min(values) if minval is None else minval
    high = max(values) if maxval is None else maxval
    spread = high - low
    if spread == 0:
        return [0.0] * len(values)
    return [(value - low) / spread for value in values]


def weigh(weighers, hosts, spec):
    """[(host, weight), ...], best first; ties keep the hosts' order."""
    totals = [0.0] * len(hosts)
    for weigher in weighers:
        multiplier = weigher.multiplier()
        if not multiplier:
            continue
        raw = [weigher.weigh(host, spec) for host in hosts]
        for i, value in enumerate(normalize(raw, weigher.minval,
                                            weigher.maxval)):
            totals[i] += multiplier * value
    weighed = list(zip(hosts, totals))
    weighed.sort(key=lambda pair: pair[1], reverse=True)
    return weighed
