"""Path-and-method dispatch for the image API's smaller resources, the way
glance's router maps them: a known path with another method answers 405
naming the allowed ones, an unknown path 404."""
import pecan

from stratus.common import exception


class MethodNotAllowed(exception.StratusException):
    msg_fmt = 'The method %(method)s is not allowed for this resource.'
    code = 405

    def __init__(self, method, allowed):
        super().__init__(method=method)
        self.headers = {'Allow': allowed}

    def with_text(self, message):
        """The same refusal explained in the handler's words."""
        self.message = message
        return self


def _match(pattern, parts):
    if len(pattern) != len(parts):
        return None
    args = []
    for want, got in zip(pattern, parts):
        if want == '*':
            args.append(got)
        elif want != got:
            return None
    return args


class Dispatcher:
    """Subclasses list ROUTES: (path pattern, {method: handler}), the
    handler a method name or a function, with '*' for a path segment
    passed to the handler; the first match wins."""
    ROUTES = ()

    @pecan.expose()
    def _default(self, *parts):
        method = pecan.request.method
        for pattern, methods in self.ROUTES:
            args = _match(pattern, parts)
            if args is None:
                continue
            if method not in methods:
                raise MethodNotAllowed(method, ', '.join(methods))
            handler = methods[method]
            if isinstance(handler, str):
                handler = getattr(self, handler)
            return handler(*args)
        raise exception.NotFound('The resource could not be found.')
